"""Shared text analysis: sentences, quotes, links, dates and times, words.

Rules reuse these through ``Article`` (``article.sentences``, ``article.quotes``,
``article.links``) instead of parsing the text again.
"""
