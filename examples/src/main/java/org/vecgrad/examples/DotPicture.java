package org.vecgrad.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain Java2D drawing of the DOT graphs that {@code Tensor.toDot()} writes, for machines without Graphviz: boxes
 * in layers (the result on top, each input one layer below the lowest result that uses it), edges drawn upwards from
 * inputs to results. Only the subset of DOT that toDot emits is understood: {@code tN [label="…", fillcolor=…]} and
 * {@code tA -> tB}.
 */
final class DotPicture {
    private DotPicture() {
    }

    private static final Pattern NODE = Pattern.compile("^\\s*(\\w+) \\[label=\"((?:[^\"\\\\]|\\\\.)*)\"(.*)\\];\\s*$");
    private static final Pattern EDGE = Pattern.compile("^\\s*(\\w+) -> (\\w+);\\s*$");
    private static final Pattern FILL = Pattern.compile("fillcolor=(\\w+)");

    private record Box(String id, String[] lines, Color fill) {
    }

    static Path render(String dot, String title, Path file) {
        Map<String, Box> boxes = new LinkedHashMap<>();
        List<String[]> edges = new ArrayList<>();
        for (String line : dot.split("\n")) {
            Matcher m = NODE.matcher(line);
            if (m.matches()) {
                String label = m.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
                Matcher f = FILL.matcher(m.group(3));
                Color fill = !f.find() ? Color.WHITE : f.group(1).equals("lightblue") ? new Color(173, 216, 230)
                        : new Color(211, 211, 211);
                boxes.put(m.group(1), new Box(m.group(1), label.split("\n"), fill));
                continue;
            }
            Matcher e = EDGE.matcher(line);
            if (e.matches()) {
                edges.add(new String[] {e.group(1), e.group(2)});
            }
        }
        if (boxes.isEmpty()) {
            throw new IllegalArgumentException("no nodes in the DOT source");
        }
        // layer = longest path down from the root (the first node); results sit above their inputs
        Map<String, Integer> layer = new HashMap<>();
        String root = boxes.keySet().iterator().next();
        layer.put(root, 0);
        for (int pass = 0; pass < boxes.size(); pass++) {
            boolean changed = false;
            for (String[] e : edges) {
                Integer up = layer.get(e[1]);
                if (up != null && layer.getOrDefault(e[0], -1) < up + 1) {
                    layer.put(e[0], up + 1);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        int depth = layer.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        List<List<Box>> rows = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            rows.add(new ArrayList<>());
        }
        for (Box b : boxes.values()) {
            rows.get(layer.getOrDefault(b.id(), depth - 1)).add(b);
        }

        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        pg.setFont(Plots.SMALL);
        FontMetrics fm = pg.getFontMetrics();
        String legend = "blue: leaf that requires grad, grey: constant, white: operation; red: the gradient dL/d(box)";
        int textW = Math.max(fm.stringWidth(legend), pg.getFontMetrics(Plots.TITLE).stringWidth(title));
        pg.dispose();
        int lineH = fm.getHeight();
        int pad = 8;
        int gapX = 24;
        int gapY = 46;
        Map<String, int[]> size = new HashMap<>();
        for (Box b : boxes.values()) {
            int w = 0;
            for (String l : b.lines()) {
                w = Math.max(w, fm.stringWidth(l));
            }
            size.put(b.id(), new int[] {w + 2 * pad, b.lines().length * lineH + 2 * pad});
        }
        int[] rowH = new int[depth];
        int[] rowW = new int[depth];
        for (int r = 0; r < depth; r++) {
            for (Box b : rows.get(r)) {
                rowH[r] = Math.max(rowH[r], size.get(b.id())[1]);
                rowW[r] += size.get(b.id())[0] + gapX;
            }
        }
        int width = 40 + Math.max(textW, java.util.Arrays.stream(rowW).max().orElse(0));
        int height = 60 + java.util.Arrays.stream(rowH).sum() + gapY * (depth - 1) + 30;
        // x positions: each row centred; rows below ordered by the mean x of the results they feed
        Map<String, Integer> cx = new HashMap<>();
        Map<String, Integer> top = new HashMap<>();
        int y = 60;
        for (int r = 0; r < depth; r++) {
            List<Box> row = rows.get(r);
            if (r > 0) {
                row.sort(Comparator.comparingDouble(b -> meanX(b.id(), edges, cx)));
            }
            int x = (width - rowW[r] + gapX) / 2;
            for (Box b : row) {
                int[] s = size.get(b.id());
                cx.put(b.id(), x + s[0] / 2);
                top.put(b.id(), y + (rowH[r] - s[1]) / 2);
                x += s[0] + gapX;
            }
            y += rowH[r] + gapY;
        }

        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(Plots.TITLE);
        g.setColor(Color.BLACK);
        g.drawString(title, (width - g.getFontMetrics().stringWidth(title)) / 2, 30);
        g.setStroke(new BasicStroke(1.3f));
        for (String[] e : edges) {
            if (!cx.containsKey(e[0]) || !cx.containsKey(e[1])) {
                continue;
            }
            int x1 = cx.get(e[0]);
            int y1 = top.get(e[0]);
            int x2 = cx.get(e[1]);
            int y2 = top.get(e[1]) + size.get(e[1])[1];
            g.setColor(Color.DARK_GRAY);
            g.drawLine(x1, y1, x2, y2);
            double a = Math.atan2(y2 - y1, x2 - x1);
            Polygon head = new Polygon();
            head.addPoint(x2, y2);
            head.addPoint((int) Math.round(x2 - 9 * Math.cos(a - 0.35)), (int) Math.round(y2 - 9 * Math.sin(a - 0.35)));
            head.addPoint((int) Math.round(x2 - 9 * Math.cos(a + 0.35)), (int) Math.round(y2 - 9 * Math.sin(a + 0.35)));
            g.fillPolygon(head);
        }
        g.setFont(Plots.SMALL);
        for (Box b : boxes.values()) {
            int[] s = size.get(b.id());
            int x0 = cx.get(b.id()) - s[0] / 2;
            int y0 = top.get(b.id());
            g.setColor(b.fill());
            g.fillRoundRect(x0, y0, s[0], s[1], 8, 8);
            g.setColor(Color.GRAY);
            g.drawRoundRect(x0, y0, s[0], s[1], 8, 8);
            for (int i = 0; i < b.lines().length; i++) {
                String l = b.lines()[i];
                g.setColor(l.startsWith("grad") ? new Color(178, 24, 43) : Color.BLACK);
                g.drawString(l, x0 + pad, y0 + pad + fm.getAscent() + i * lineH);
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString(legend, (width - fm.stringWidth(legend)) / 2, height - 12);
        g.dispose();
        return Plots.write(img, file);
    }

    private static double meanX(String id, List<String[]> edges, Map<String, Integer> cx) {
        double s = 0;
        int n = 0;
        for (String[] e : edges) {
            if (e[0].equals(id) && cx.containsKey(e[1])) {
                s += cx.get(e[1]);
                n++;
            }
        }
        return n == 0 ? Double.MAX_VALUE : s / n;
    }
}
