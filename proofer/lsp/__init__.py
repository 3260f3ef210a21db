"""`proofer lsp`: the language server that brings proofer's findings into editors.

The server only wires the Language Server Protocol (pygls) to the pipeline that
`proofer check` runs: configuration discovery, parsing, the engine factory, policy and
merge are the same code.
"""
