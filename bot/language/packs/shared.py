"""Pattern pieces several language packs build their patterns from."""

OPENS = r"(?:^|[.!?¿¡:;]\s*)(?:et |and |e |y |und |și |и |і |а )?"

ENDS = r"\S+\s*[?？]*\s*$"
