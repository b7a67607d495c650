package org.backprop4j.cli.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.XYChart;

/** XChart panels stacked vertically under an optional title, the layout of every figure of a run folder. */
final class PanelStack {

    static {
        PngFiles.ensureHeadless();
    }

    private PanelStack() {
    }

    /**
     * Renders {@code panels} into an RGB image of the given size; they share the height below the title.
     *
     * @param header the title's height, used only when there is a title
     * @throws IllegalArgumentException if the size is too small to hold the panels
     */
    static BufferedImage render(List<XYChart> panels, String title, int header, int width, int height) {
        int top = title == null || title.isBlank() ? 0 : header;
        int panelHeight = (height - top) / panels.size();
        if (width < 200 || panelHeight < 120) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a figure of %dx%d px is too small for %d "
                    + "panels: it needs at least 200 px of width and 120 px per panel.", width, height, panels.size()));
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            XYChart first = panels.get(0);
            g.setColor(first.getStyler().getChartBackgroundColor());
            g.fillRect(0, 0, width, height);
            if (top > 0) {
                g.setFont(first.getStyler().getChartTitleFont().deriveFont(18f));
                g.setColor(first.getStyler().getChartFontColor());
                int textWidth = g.getFontMetrics().stringWidth(title.strip());
                g.drawString(title.strip(), Math.max(4, (width - textWidth) / 2), top - 10);
            }
            for (int i = 0; i < panels.size(); i++) {
                Graphics2D panel = (Graphics2D) g.create(0, top + i * panelHeight, width, panelHeight);
                try {
                    panels.get(i).paint(panel, width, panelHeight);
                } finally {
                    panel.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}
