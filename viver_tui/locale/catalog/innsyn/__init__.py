"""The innsyn answer (GDPR art. 15), in both languages: what the person receives —
parts 1–6 about the processing, the data held, and the codes in words."""

from viver_tui.locale.catalog.innsyn import data, processing, words

NB = {**processing.NB, **data.NB, **words.NB}
EN = {**processing.EN, **data.EN, **words.EN}
