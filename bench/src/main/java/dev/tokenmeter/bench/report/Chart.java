package dev.tokenmeter.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * {@code report.png}: one panel per part, each measurement as a pair of bars (Tokenmeter, baseline)
 * on a logarithmic axis — the figures span several orders of magnitude — with the ratio beside them.
 */
final class Chart {

    private static final int WIDTH = 1200;
    private static final int LABEL_WIDTH = 300;
    private static final int RATIO_WIDTH = 170;
    private static final int BAR = 13;
    private static final int PAIR = 2 * BAR + 12;
    private static final int TITLE = 34;
    private static final Color OURS = new Color(0x2563EB);
    private static final Color BASELINE = new Color(0x9CA3AF);
    private static final Color TEXT = new Color(0x111827);
    private static final Color MUTED = new Color(0x6B7280);
    private static final Color GOOD = new Color(0x15803D);
    private static final Color BAD = new Color(0xB91C1C);

    private Chart() {
    }

    static void draw(Report report, Path file) throws IOException {
        List<Section> panels = report.sections().stream().filter(s -> !s.comparisons().isEmpty()).toList();
        int height = 70;
        for (Section s : panels) {
            height += TITLE + s.comparisons().size() * PAIR + 16;
        }
        BufferedImage image = new BufferedImage(WIDTH, Math.max(height, 120), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(TEXT);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.drawString("Tokenmeter benchmark (" + report.mode() + "): each measurement beside its baseline, log scale", 16, 30);
            legend(g, 16, 50);
            int y = 70;
            for (Section s : panels) {
                y = panel(g, s, y);
            }
            if (panels.isEmpty()) {
                g.setColor(MUTED);
                g.drawString("No part of the benchmark produced a comparison.", 16, 100);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static void legend(Graphics2D g, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(OURS);
        g.fillRect(x, y - 10, 14, 10);
        g.setColor(TEXT);
        g.drawString("Tokenmeter", x + 20, y);
        g.setColor(BASELINE);
        g.fillRect(x + 120, y - 10, 14, 10);
        g.setColor(TEXT);
        g.drawString("baseline (named on the bar)", x + 140, y);
    }

    private static int panel(Graphics2D g, Section section, int top) {
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(section.title(), 16, top + 22);
        g.setColor(new Color(0xE5E7EB));
        g.setStroke(new BasicStroke(1));
        g.drawLine(16, top + 28, WIDTH - 16, top + 28);
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Comparison c : section.comparisons()) {
            min = Math.min(min, Math.min(positive(c.value()), positive(c.baselineValue())));
            max = Math.max(max, Math.max(positive(c.value()), positive(c.baselineValue())));
        }
        double low = Math.log10(min) - 0.3;
        double high = Math.log10(max) + 0.15;
        int plotLeft = LABEL_WIDTH;
        int plotWidth = WIDTH - LABEL_WIDTH - RATIO_WIDTH - 16;
        int y = top + TITLE;
        for (Comparison c : section.comparisons()) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setColor(TEXT);
            g.drawString(clip(c.label(), 44), 16, y + BAR + 4);
            bar(g, plotLeft, y, width(c.value(), low, high, plotWidth), OURS, Format.number(c.value()) + " " + c.unit());
            bar(g, plotLeft, y + BAR + 2, width(c.baselineValue(), low, high, plotWidth), BASELINE,
                    Format.number(c.baselineValue()) + " " + c.unit() + " · " + c.baselineLabel());
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.setColor(c.advantage() >= 1 ? GOOD : BAD);
            g.drawString(MarkdownReport.advantage(c), WIDTH - RATIO_WIDTH, y + BAR + 4);
            y += PAIR;
        }
        return y + 16;
    }

    private static void bar(Graphics2D g, int x, int y, int width, Color color, String label) {
        g.setColor(color);
        g.fillRect(x, y, Math.max(width, 2), BAR);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int textWidth = g.getFontMetrics().stringWidth(label);
        boolean inside = textWidth + 8 < width;
        g.setColor(inside ? Color.WHITE : TEXT);
        g.drawString(label, inside ? x + 4 : x + Math.max(width, 2) + 4, y + BAR - 2);
    }

    private static int width(double value, double low, double high, int plotWidth) {
        double fraction = (Math.log10(positive(value)) - low) / (high - low);
        return (int) Math.round(Math.max(0, Math.min(1, fraction)) * plotWidth);
    }

    private static double positive(double value) {
        return Double.isFinite(value) && value > 0 ? value : 1e-3;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
