package org.vecgrad.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.geom.Path2D;
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
 * A plain Java2D drawing of the DOT graphs that {@code Tensor.toDot()} and {@code ModelGraph.toDot()} write, for
 * machines without Graphviz: boxes in rows, arrows between them. Only the subset of DOT those two emit is
 * understood: {@code rankdir=BT|TB}, {@code id [label="…", fillcolor=…]} and {@code a -> b} (attributes of an edge
 * are ignored).
 *
 * <p>Rows: with {@code rankdir=BT} (a computation graph, results above their inputs) a box's row is its longest
 * path to a result, so the result is on top and each input sits one row below the lowest result that uses it; with
 * {@code rankdir=TB} (a model, inputs above the layers) it is its longest path from an input, so inputs are on top.
 * Each row is ordered by the mean position of the boxes it connects to in the rows above.
 */
final class DotPicture {
    private DotPicture() {
    }

    private static final Pattern NODE = Pattern.compile("^\\s*(\\w+) \\[label=\"((?:[^\"\\\\]|\\\\.)*)\"(.*)\\];\\s*$");
    private static final Pattern EDGE = Pattern.compile("^\\s*(\\w+) -> (\\w+)(?: \\[.*\\])?;\\s*$");
    private static final Pattern FILL = Pattern.compile("fillcolor=(\\w+)");
    private static final Pattern RANKDIR = Pattern.compile("^\\s*rankdir=(\\w+);\\s*$");
    /** The X11 colour names the DOT writers use. */
    private static final Map<String, Color> COLORS = Map.of("lightblue", new Color(173, 216, 230), "lightgrey",
            new Color(211, 211, 211), "lightyellow", new Color(255, 255, 224), "white", Color.WHITE);

    private record Box(String id, String[] lines, Color fill) {
    }

    /** The parsed subset: boxes in file order, edges, and whether results sit above their inputs (BT). */
    private record Graph(Map<String, Box> boxes, List<String[]> edges, boolean up) {
    }

    private static Graph parse(String dot) {
        Map<String, Box> boxes = new LinkedHashMap<>();
        List<String[]> edges = new ArrayList<>();
        boolean up = false;
        for (String line : dot.split("\n")) {
            Matcher r = RANKDIR.matcher(line);
            if (r.matches()) {
                up = r.group(1).equals("BT");
                continue;
            }
            Matcher m = NODE.matcher(line);
            if (m.matches()) {
                String label = m.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
                Matcher f = FILL.matcher(m.group(3));
                Color fill = f.find() ? COLORS.getOrDefault(f.group(1), Color.WHITE) : Color.WHITE;
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
        return new Graph(boxes, edges, up);
    }

    /**
     * Each box's row, 0 at the top: its longest path from the top side, results (BT) or inputs (TB), walking the
     * edges away from it.
     */
    static Map<String, Integer> rows(String dot) {
        return rows(parse(dot));
    }

    private static Map<String, Integer> rows(Graph graph) {
        int from = graph.up() ? 1 : 0;
        int to = graph.up() ? 0 : 1;
        Map<String, Integer> row = new LinkedHashMap<>();
        for (String id : graph.boxes().keySet()) {
            row.put(id, 0);
        }
        for (int pass = 0; pass < graph.boxes().size(); pass++) {
            boolean changed = false;
            for (String[] e : graph.edges()) {
                if (row.containsKey(e[from]) && row.containsKey(e[to]) && row.get(e[to]) < row.get(e[from]) + 1) {
                    row.put(e[to], row.get(e[from]) + 1);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        return row;
    }

    /**
     * Draws {@code dot} with a title on top and {@code legend} (or nothing, when null) at the bottom; lines of a
     * label that start with "grad" are red (the gradients in {@code Tensor.toDot}).
     */
    static Path render(String dot, String title, String legend, Path file) {
        Graph graph = parse(dot);
        Map<String, Box> boxes = graph.boxes();
        List<String[]> edges = graph.edges();
        Map<String, Integer> row = rows(graph);
        int depth = row.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        List<List<Box>> rows = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            rows.add(new ArrayList<>());
        }
        for (Box b : boxes.values()) {
            rows.get(row.get(b.id())).add(b);
        }

        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        pg.setFont(Plots.SMALL);
        FontMetrics fm = pg.getFontMetrics();
        int textW = Math.max(legend == null ? 0 : fm.stringWidth(legend),
                pg.getFontMetrics(Plots.TITLE).stringWidth(title));
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
        int height = 60 + java.util.Arrays.stream(rowH).sum() + gapY * (depth - 1) + (legend == null ? 10 : 30);
        // x positions: each row centred; rows below the first ordered by the mean x of the boxes they connect to
        Map<String, Integer> cx = new HashMap<>();
        Map<String, Integer> top = new HashMap<>();
        int y = 60;
        for (int r = 0; r < depth; r++) {
            List<Box> list = rows.get(r);
            if (r > 0) {
                list.sort(Comparator.comparingDouble(b -> meanX(b.id(), edges, cx)));
            }
            int x = (width - rowW[r] + gapX) / 2;
            for (Box b : list) {
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
            // from the side of the source box that faces the target to the facing side of the target
            boolean targetAbove = row.get(e[1]) < row.get(e[0]);
            int x1 = cx.get(e[0]);
            int y1 = top.get(e[0]) + (targetAbove ? 0 : size.get(e[0])[1]);
            int x2 = cx.get(e[1]);
            int y2 = top.get(e[1]) + (targetAbove ? size.get(e[1])[1] : 0);
            // an edge that skips rows goes around the boxes its straight line would cross
            int lo = Math.min(row.get(e[0]), row.get(e[1]));
            int hi = Math.max(row.get(e[0]), row.get(e[1]));
            int left = Integer.MAX_VALUE;
            int right = Integer.MIN_VALUE;
            for (Box b : boxes.values()) {
                int r = row.get(b.id());
                int[] s = size.get(b.id());
                int bx0 = cx.get(b.id()) - s[0] / 2 - 4;
                int bx1 = cx.get(b.id()) + s[0] / 2 + 4;
                int by0 = top.get(b.id());
                int by1 = by0 + s[1];
                double xa = x1 + (x2 - x1) * (by0 - y1) / (double) (y2 - y1);
                double xb = x1 + (x2 - x1) * (by1 - y1) / (double) (y2 - y1);
                if (r > lo && r < hi && Math.max(xa, xb) >= bx0 && Math.min(xa, xb) <= bx1) {
                    left = Math.min(left, bx0 - 10);
                    right = Math.max(right, bx1 + 10);
                }
            }
            Path2D.Double path = new Path2D.Double();
            path.moveTo(x1, y1);
            double fromX = x1;
            double fromY = y1;
            if (left != Integer.MAX_VALUE) {
                double mid = (x1 + x2) / 2.0;
                double rx = Math.max(4, Math.min(width - 4, Math.abs(right - mid) <= Math.abs(mid - left) ? right
                        : left));
                int dir = y2 > y1 ? 1 : -1;
                path.lineTo(rx, y1 + dir * gapY / 2.0);
                path.lineTo(rx, y2 - dir * gapY / 2.0);
                fromX = rx;
                fromY = y2 - dir * gapY / 2.0;
            }
            path.lineTo(x2, y2);
            g.setColor(Color.DARK_GRAY);
            g.draw(path);
            double a = Math.atan2(y2 - fromY, x2 - fromX);
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
        if (legend != null) {
            g.setColor(Color.DARK_GRAY);
            g.drawString(legend, (width - fm.stringWidth(legend)) / 2, height - 12);
        }
        g.dispose();
        return Plots.write(img, file);
    }

    /** The mean x of the boxes already placed that share an edge with {@code id}. */
    private static double meanX(String id, List<String[]> edges, Map<String, Integer> cx) {
        double s = 0;
        int n = 0;
        for (String[] e : edges) {
            String other = e[0].equals(id) ? e[1] : e[1].equals(id) ? e[0] : null;
            if (other != null && cx.containsKey(other)) {
                s += cx.get(other);
                n++;
            }
        }
        return n == 0 ? Double.MAX_VALUE : s / n;
    }
}
