"""The spotters behind :mod:`factdesk.intake.candidates`, one job a module:

- :mod:`.candidate`: the :class:`~.candidate.Candidate` record every spotter yields;
- :mod:`.patterns`: regex building blocks (blanks, words, alternations of literal words);
- :mod:`.tzdb`: the IANA tz database (zone.tab, zone1970.tab) and zones' UTC offsets;
- :mod:`.zonewords`: a language's words for time zones (CLDR names, IANA abbreviations);
- :mod:`.units`: a language's words for units of measure (CLDR, via Babel);
- :mod:`.vocabulary`: everything else the spotters know of a language (month and weekday
  names, number words, clock words, relative-time phrases), and reading a written number;
- :mod:`.dates`, :mod:`.times`, :mod:`.numbers`, :mod:`.quotes`: the spotters;
- :mod:`.spans`: placing a spotted value in the article (first occurrence, sentence).
"""
