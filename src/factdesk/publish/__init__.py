"""What travels beyond the pages: the site index, data downloads, ClaimReview, TimelineJS."""
