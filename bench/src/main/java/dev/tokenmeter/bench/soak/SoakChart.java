package dev.tokenmeter.bench.soak;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/** {@code soak.png}: heap and RSS, consumer lag and dead letters over the run, with a line at each fault. */
final class SoakChart {

    private static final int WIDTH = 1200;
    private static final int PANEL = 220;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final Color FAULT = new Color(0xDC2626);
    private static final Color GRID = new Color(0xE5E7EB);

    private SoakChart() {
    }

    static void draw(List<SoakBench.Sample> samples, List<SoakBench.Fault> faults, Path file) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, 60 + 3 * (PANEL + 40), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.drawString("Soak: the ingest service under steady load while processes are killed (red lines: faults)", 16, 30);
            double end = samples.isEmpty() ? 1 : Math.max(1, samples.get(samples.size() - 1).at().toSeconds());
            int y = 60;
            y = panel(g, y, "ingest heap used (MB, blue) and RSS (MB, grey)", samples, faults, end,
                    List.of(SoakBench.Sample::heapMb, SoakBench.Sample::rssMb));
            y = panel(g, y, "consumer lag (records)", samples, faults, end, List.of(s -> s.lag() < 0 ? Double.NaN : s.lag()));
            panel(g, y, "records sent (grey) and events stored (blue)", samples, faults, end,
                    List.of(s -> s.stored(), s -> s.sent()));
        } finally {
            g.dispose();
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private static int panel(Graphics2D g, int top, String title, List<SoakBench.Sample> samples, List<SoakBench.Fault> faults,
            double end, List<ToDoubleFunction<SoakBench.Sample>> series) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, top + 14);
        int plotTop = top + 24;
        int width = WIDTH - LEFT - RIGHT;
        double max = 1;
        for (var line : series) {
            max = Math.max(max, samples.stream().mapToDouble(line).filter(v -> !Double.isNaN(v)).max().orElse(1));
        }
        g.setColor(GRID);
        for (int i = 0; i <= 4; i++) {
            int gy = plotTop + PANEL - i * PANEL / 4;
            g.drawLine(LEFT, gy, LEFT + width, gy);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%,.0f", max * i / 4), 8, gy + 4);
            g.setColor(GRID);
        }
        g.setColor(FAULT);
        for (SoakBench.Fault fault : faults) {
            int fx = LEFT + (int) (width * fault.at().toSeconds() / end);
            g.drawLine(fx, plotTop, fx, plotTop + PANEL);
        }
        Color[] colors = {new Color(0x2563EB), new Color(0x9CA3AF)};
        g.setStroke(new BasicStroke(2f));
        for (int s = 0; s < series.size(); s++) {
            g.setColor(colors[s % colors.length]);
            int px = -1;
            int py = -1;
            for (SoakBench.Sample sample : samples) {
                double v = series.get(s).applyAsDouble(sample);
                if (Double.isNaN(v)) {
                    px = -1;
                    continue;
                }
                int x = LEFT + (int) (width * sample.at().toSeconds() / end);
                int yy = plotTop + PANEL - (int) (PANEL * v / max);
                if (px >= 0) {
                    g.drawLine(px, py, x, yy);
                }
                px = x;
                py = yy;
            }
        }
        g.setStroke(new BasicStroke(1f));
        return plotTop + PANEL + 16;
    }
}
