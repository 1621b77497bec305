package dev.tokenmeter.deploy.demo;

import static dev.tokenmeter.deploy.demo.DemoKey.prod;
import static dev.tokenmeter.deploy.demo.DemoKey.staging;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** The demo tenant's eight projects and 25 API keys, and how busy each is at a given time. */
record DemoWorld(List<Project> projects) {

    static DemoWorld standard() {
        return new DemoWorld(List.of(
                new Project("support-bot", "support", Rhythm.BUSINESS, 0.36, "chat.completions", 1800, 220, "u_", 400,
                        List.of(w("gpt-4o-mini", 55), w("gpt-4.1-mini", 25), w("claude-haiku-4-5", 20)),
                        List.of(prod("support-bot-web", 45), prod("support-bot-mobile", 28), prod("support-bot-email", 15),
                                prod("support-bot-partner-api", 7), staging("support-bot-staging", 5))),
                new Project("internal-copilot", "platform", Rhythm.BUSINESS, 0.16, "responses", 2600, 450, "emp_", 120,
                        List.of(w("gpt-5-mini", 35), w("claude-sonnet-4", 25), w("o4-mini", 20), w("gpt-4.1", 20)),
                        List.of(prod("copilot-ide", 45), prod("copilot-chat", 35), prod("copilot-slack", 15),
                                staging("copilot-staging", 5))),
                new Project("sales-assistant", "growth", Rhythm.BUSINESS, 0.10, "responses", 1400, 320, "rep_", 45,
                        List.of(w("gpt-4o", 45), w("claude-sonnet-4-5", 35), w("gemini-2.5-flash", 20)),
                        List.of(prod("sales-crm", 60), prod("sales-email-drafts", 30), staging("sales-staging", 10))),
                new Project("code-review", "platform", Rhythm.BUSINESS, 0.08, "responses", 9000, 700, "emp_", 60,
                        List.of(w("claude-sonnet-4-5", 50), w("gpt-5", 22), w("o3", 20), w("claude-opus-4-1", 8)),
                        List.of(prod("code-review-github", 75), prod("code-review-gitlab", 20), staging("code-review-staging", 5))),
                new Project("doc-summarizer", "knowledge", Rhythm.STEADY, 0.10, "chat.completions", 6000, 400, "u_", 300,
                        List.of(w("gemini-2.5-flash", 45), w("gpt-4.1-nano", 35), w("gemini-2.5-pro", 20)),
                        List.of(prod("docs-web", 55), prod("docs-api", 40), staging("docs-staging", 5))),
                new Project("data-extraction", "ops", Rhythm.STEADY, 0.08, "chat.completions", 3200, 160, null, 0,
                        List.of(w("gpt-4.1-mini", 50), w("gemini-2.5-flash-lite", 35), w("gpt-4o-mini", 15)),
                        List.of(prod("extract-invoices", 50), prod("extract-contracts", 40), staging("extract-staging", 10))),
                new Project("search-indexer", "knowledge", Rhythm.NIGHTLY, 0.15, "chat.completions", 700, 80, null, 0,
                        List.of(w("text-embedding-3-small", 90), w("gpt-4.1-nano", 10)),
                        List.of(prod("indexer-nightly", 85), staging("indexer-staging", 15))),
                new Project("eval-harness", "ml", Rhythm.EVENING, 0.06, "chat.completions", 1500, 300, null, 0,
                        List.of(w("o3-mini", 25), w("gpt-5-nano", 25), w("claude-haiku-4-5", 25), w("gemini-2.5-flash-lite", 25)),
                        List.of(staging("evals-ci", 60), staging("evals-nightly", 40)))));
    }

    private static Weighted<ModelProfile> w(String model, double weight) {
        return new Weighted<>(Models.named(model), weight);
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
