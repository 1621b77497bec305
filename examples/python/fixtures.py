"""The provider response bodies in ../fixtures (shared with Java and TypeScript) and the mapper each is for."""

import json
import pathlib

import tokenmeter as tm

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "fixtures"
MAPPERS = {
    "openai-chat-completions": tm.map_openai_chat_completion,
    "openai-responses": tm.map_openai_response,
    "anthropic-messages": tm.map_anthropic_message,
    "gemini-generate-content": tm.map_gemini_generate_content,
}


def load(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def cases():
    """expected.json's cases: a fixture, its mapper and the contract fields it must map to."""
    return load("expected.json")["cases"]


def mapped(case):
    """The case's fixture through its mapper."""
    return MAPPERS[case["mapper"]](load(case["fixture"]))
