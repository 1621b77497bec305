package dev.tokenmeter.deploy.demo;

import static dev.tokenmeter.deploy.demo.DemoKey.prod;
import static dev.tokenmeter.deploy.demo.DemoKey.staging;
import static dev.tokenmeter.deploy.demo.Models.*;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** The demo tenant's eight projects and 25 API keys, and how busy each is at a given time. */
record DemoWorld(List<Project> projects) {

    static DemoWorld standard() {
        return new DemoWorld(List.of(
                new Project("support-bot", "support", Rhythm.BUSINESS, 0.36, "chat.completions", 1800, 220, "u_", 400,
                        List.of(w(GPT_4O_MINI, 55), w(GPT_41_MINI, 25), w(CLAUDE_HAIKU_45, 20)),
                        List.of(prod("support-bot-web", 45), prod("support-bot-mobile", 28), prod("support-bot-email", 15),
                                prod("support-bot-partner-api", 7), staging("support-bot-staging", 5))),
                new Project("internal-copilot", "platform", Rhythm.BUSINESS, 0.16, "responses", 2600, 450, "emp_", 120,
                        List.of(w(GPT_5_MINI, 35), w(CLAUDE_SONNET_4, 25), w(O4_MINI, 20), w(GPT_41, 20)),
                        List.of(prod("copilot-ide", 45), prod("copilot-chat", 35), prod("copilot-slack", 15),
                                staging("copilot-staging", 5))),
                new Project("sales-assistant", "growth", Rhythm.BUSINESS, 0.10, "responses", 1400, 320, "rep_", 45,
                        List.of(w(GPT_4O, 45), w(CLAUDE_SONNET_45, 35), w(GEMINI_25_FLASH, 20)),
                        List.of(prod("sales-crm", 60), prod("sales-email-drafts", 30), staging("sales-staging", 10))),
                new Project("code-review", "platform", Rhythm.BUSINESS, 0.08, "responses", 9000, 700, "emp_", 60,
                        List.of(w(CLAUDE_SONNET_45, 50), w(GPT_5, 22), w(O3, 20), w(CLAUDE_OPUS_41, 8)),
                        List.of(prod("code-review-github", 75), prod("code-review-gitlab", 20), staging("code-review-staging", 5))),
                new Project("doc-summarizer", "knowledge", Rhythm.STEADY, 0.10, "chat.completions", 6000, 400, "u_", 300,
                        List.of(w(GEMINI_25_FLASH, 45), w(GPT_41_NANO, 35), w(GEMINI_25_PRO, 20)),
                        List.of(prod("docs-web", 55), prod("docs-api", 40), staging("docs-staging", 5))),
                new Project("data-extraction", "ops", Rhythm.STEADY, 0.08, "chat.completions", 3200, 160, null, 0,
                        List.of(w(GPT_41_MINI, 50), w(GEMINI_25_FLASH_LITE, 35), w(GPT_4O_MINI, 15)),
                        List.of(prod("extract-invoices", 50), prod("extract-contracts", 40), staging("extract-staging", 10))),
                new Project("search-indexer", "knowledge", Rhythm.NIGHTLY, 0.15, "chat.completions", 700, 80, null, 0,
                        List.of(w(EMBEDDING_3_SMALL, 90), w(GPT_41_NANO, 10)),
                        List.of(prod("indexer-nightly", 85), staging("indexer-staging", 15))),
                new Project("eval-harness", "ml", Rhythm.EVENING, 0.06, "chat.completions", 1500, 300, null, 0,
                        List.of(w(O3_MINI, 25), w(GPT_5_NANO, 25), w(CLAUDE_HAIKU_45, 25), w(GEMINI_25_FLASH_LITE, 25)),
                        List.of(staging("evals-ci", 60), staging("evals-nightly", 40)))));
    }

    private static Weighted<ModelProfile> w(ModelProfile model, double weight) {
        return new Weighted<>(model, weight);
    }

    /** Total traffic at {@code time}, in the projects' share units (the sum of every project's share × rhythm). */
    double intensity(ZonedDateTime time) {
        double total = 0;
        for (Project project : projects) {
            total += project.share() * project.rhythm().at(time);
        }
        return total;
    }

    /** The project of a call made at {@code time}: busier projects at that hour are likelier. */
    Project pickProject(ZonedDateTime time, RandomGenerator random) {
        List<Weighted<Project>> now = new ArrayList<>(projects.size());
        for (Project project : projects) {
            now.add(new Weighted<>(project, project.share() * project.rhythm().at(time)));
        }
        return Weighted.pick(now, random);
    }
}
