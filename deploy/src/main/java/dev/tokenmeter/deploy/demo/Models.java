package dev.tokenmeter.deploy.demo;

/**
 * The models of the demo: all in the built-in price catalog (core's {@code pricing/catalog.json}); the
 * embedding model's events also report their cost themselves (at the catalog's $0.02 per 1M tokens),
 * so the demo shows provider-reported costs beside computed ones. Speeds are typical of each.
 */
final class Models {

    static final String OPENAI = "openai";
    static final String ANTHROPIC = "anthropic";
    static final String GOOGLE = "google";

    static final ModelProfile GPT_4O = ModelProfile.chat(OPENAI, "gpt-4o", 450, 18);
    static final ModelProfile GPT_4O_MINI = ModelProfile.chat(OPENAI, "gpt-4o-mini", 300, 10);
    static final ModelProfile GPT_41 = ModelProfile.chat(OPENAI, "gpt-4.1", 450, 16);
    static final ModelProfile GPT_41_MINI = ModelProfile.chat(OPENAI, "gpt-4.1-mini", 320, 9);
    static final ModelProfile GPT_41_NANO = ModelProfile.chat(OPENAI, "gpt-4.1-nano", 220, 6);
    static final ModelProfile O3 = ModelProfile.reasoning(OPENAI, "o3", 900, 14, 900);
    static final ModelProfile O3_MINI = ModelProfile.reasoning(OPENAI, "o3-mini", 600, 8, 500);
    static final ModelProfile O4_MINI = ModelProfile.reasoning(OPENAI, "o4-mini", 600, 8, 500);
    static final ModelProfile GPT_5 = ModelProfile.reasoning(OPENAI, "gpt-5", 800, 12, 700);
    static final ModelProfile GPT_5_MINI = ModelProfile.reasoning(OPENAI, "gpt-5-mini", 500, 8, 400);
    static final ModelProfile GPT_5_NANO = ModelProfile.reasoning(OPENAI, "gpt-5-nano", 350, 5, 250);
    static final ModelProfile EMBEDDING_3_SMALL = ModelProfile.embedding(OPENAI, "text-embedding-3-small", 60, "0.02");

    static final ModelProfile CLAUDE_SONNET_45 = ModelProfile.chat(ANTHROPIC, "claude-sonnet-4-5", 700, 20);
    static final ModelProfile CLAUDE_SONNET_4 = ModelProfile.chat(ANTHROPIC, "claude-sonnet-4", 700, 20);
    static final ModelProfile CLAUDE_OPUS_41 = ModelProfile.chat(ANTHROPIC, "claude-opus-4-1", 1100, 35);
    static final ModelProfile CLAUDE_HAIKU_45 = ModelProfile.chat(ANTHROPIC, "claude-haiku-4-5", 400, 9);

    static final ModelProfile GEMINI_25_PRO = ModelProfile.reasoning(GOOGLE, "gemini-2.5-pro", 900, 12, 800);
    static final ModelProfile GEMINI_25_FLASH = ModelProfile.reasoning(GOOGLE, "gemini-2.5-flash", 450, 5, 300);
    static final ModelProfile GEMINI_25_FLASH_LITE = ModelProfile.chat(GOOGLE, "gemini-2.5-flash-lite", 250, 3);

    private Models() {
    }
}
