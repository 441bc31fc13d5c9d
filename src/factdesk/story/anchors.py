"""Stable anchors of the fact-check page: a claim's card and a record row's card. ClaimReview
points at them (:mod:`factdesk.publish.claimreview`), so they are defined once, here."""


def claim_anchor(claim_id: str) -> str:
    return f"claim-{claim_id}"


def record_anchor(record_id: str) -> str:
    return f"record-{record_id}"
