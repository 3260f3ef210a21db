"""Evidence about words: is this unknown word a term, a name, a variant or a typo here?

Shared by the LanguageTool engine's spelling findings and anything else that asks "is this
a real word in this document?". Nothing here is a per-word list: the evidence is the
document's own code and repetitions, identifier shapes, morphology (lemminflect), word
frequency in web English (wordfreq) and edit distance to a much more frequent word.
"""
