package org.vecgrad.examples;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Animated GIF through the JDK's own {@code javax.imageio} GIF writer: one palette for the whole animation (the 255
 * most frequent colours of all frames, and one transparent entry), the NETSCAPE2.0 application extension that makes
 * it loop, and a delay per frame. Every frame after the first stores only the rectangle that changed, with
 * unchanged pixels transparent on top of the previous frame ("doNotDispose"): a still background costs nothing
 * after the first frame.
 */
final class Gif {
    private Gif() {
    }

    /** One frame, shown for {@code delayCs} hundredths of a second. All frames of an animation have one size. */
    record Frame(BufferedImage image, int delayCs) {
    }

    /** The palette index that stands for "unchanged" in the frames after the first. */
    static final int TRANSPARENT = 255;

    /** Writes the frames as a looping GIF; returns the file. */
    static Path write(List<Frame> frames, Path file) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a GIF needs at least one frame");
        }
        int w = frames.get(0).image().getWidth();
        int h = frames.get(0).image().getHeight();
        for (Frame f : frames) {
            if (f.image().getWidth() != w || f.image().getHeight() != h) {
                throw new IllegalArgumentException("GIF frames must have one size: " + w + "x" + h + " and "
                        + f.image().getWidth() + "x" + f.image().getHeight());
            }
        }
        int[] palette = palette(frames);
        IndexColorModel icm = colorModel(palette);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
                writer.setOutput(out);
                writer.prepareWriteSequence(null);
                Map<Integer, Integer> nearest = new HashMap<>();
                byte[] previous = null;
                for (int k = 0; k < frames.size(); k++) {
                    byte[] idx = indices(frames.get(k).image(), palette, nearest);
                    int[] box = previous == null ? new int[] {0, 0, w, h} : changed(previous, idx, w, h);
                    BufferedImage part = new BufferedImage(box[2], box[3], BufferedImage.TYPE_BYTE_INDEXED, icm);
                    byte[] dst = ((java.awt.image.DataBufferByte) part.getRaster().getDataBuffer()).getData();
                    for (int y = 0; y < box[3]; y++) {
                        for (int x = 0; x < box[2]; x++) {
                            int i = (box[1] + y) * w + box[0] + x;
                            dst[y * box[2] + x] = previous != null && previous[i] == idx[i] ? (byte) TRANSPARENT
                                    : idx[i];
                        }
                    }
                    IIOMetadata meta = metadata(writer, part, frames.get(k).delayCs(), box, previous != null, k == 0);
                    writer.writeToSequence(new IIOImage(part, null, meta), null);
                    previous = idx;
                }
                writer.endWriteSequence();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            writer.dispose();
        }
        return file;
    }

    /**
     * The 255 most frequent colours over all frames, most frequent first: colours are counted in bins of 6 bits per
     * channel, and each bin is represented by the first colour seen in it (so flat areas keep their exact colour).
     */
    private static int[] palette(List<Frame> frames) {
        long[] counts = new long[1 << 18];
        int[] first = new int[1 << 18];
        for (Frame f : frames) {
            BufferedImage img = f.image();
            for (int c : img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth())) {
                int k = bin(c);
                if (counts[k]++ == 0) {
                    first[k] = c & 0xffffff;
                }
            }
        }
        Integer[] keys = new Integer[counts.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i;
        }
        java.util.Arrays.sort(keys, (a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a])
                : Integer.compare(a, b));
        int n = 0;
        while (n < TRANSPARENT && counts[keys[n]] > 0) {
            n++;
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = first[keys[i]];
        }
        return p;
    }

    /** The colour's bin: its top 6 bits per channel, an 18-bit number. */
    private static int bin(int c) {
        return (c >> 6 & 0x3f000) | (c >> 4 & 0xfc0) | (c >> 2 & 0x3f);
    }

    private static IndexColorModel colorModel(int[] palette) {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int i = 0; i < palette.length; i++) {
            r[i] = (byte) (palette[i] >> 16);
            g[i] = (byte) (palette[i] >> 8);
            b[i] = (byte) palette[i];
        }
        return new IndexColorModel(8, 256, r, g, b);
    }

    /** Each pixel's nearest palette entry (squared RGB distance), memoised per exact colour in {@code nearest}. */
    private static byte[] indices(BufferedImage img, int[] palette, Map<Integer, Integer> nearest) {
        int[] rgb = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        byte[] out = new byte[rgb.length];
        int lastColor = -1;
        int lastIndex = 0;
        for (int i = 0; i < rgb.length; i++) {
            int c = rgb[i] & 0xffffff;
            if (c != lastColor) {                 // runs of one colour are the rule: skip the map for them
                lastColor = c;
                lastIndex = nearest.computeIfAbsent(c, key -> nearestEntry(key, palette));
            }
            out[i] = (byte) lastIndex;
        }
        return out;
    }

    private static int nearestEntry(int c, int[] palette) {
        int best = 0;
        long bestD = Long.MAX_VALUE;
        for (int j = 0; j < palette.length; j++) {
            int dr = ((c >> 16) & 0xff) - ((palette[j] >> 16) & 0xff);
            int dg = ((c >> 8) & 0xff) - ((palette[j] >> 8) & 0xff);
            int db = (c & 0xff) - (palette[j] & 0xff);
            long d = (long) dr * dr + (long) dg * dg + (long) db * db;
            if (d < bestD) {
                bestD = d;
                best = j;
            }
        }
        return best;
    }

    /** {x, y, width, height} of the pixels that differ; a 1×1 box when none does. */
    private static int[] changed(byte[] a, byte[] b, int w, int h) {
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (a[y * w + x] != b[y * w + x]) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return x1 < 0 ? new int[] {0, 0, 1, 1} : new int[] {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
    }

    private static IIOMetadata metadata(ImageWriter writer, BufferedImage part, int delayCs, int[] box,
            boolean transparent, boolean first) throws IIOInvalidTreeException {
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(part), null);
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "doNotDispose");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", transparent ? "TRUE" : "FALSE");
        gce.setAttribute("transparentColorIndex", Integer.toString(TRANSPARENT));
        gce.setAttribute("delayTime", Integer.toString(delayCs));
        IIOMetadataNode desc = child(root, "ImageDescriptor");
        desc.setAttribute("imageLeftPosition", Integer.toString(box[0]));
        desc.setAttribute("imageTopPosition", Integer.toString(box[1]));
        desc.setAttribute("imageWidth", Integer.toString(box[2]));
        desc.setAttribute("imageHeight", Integer.toString(box[3]));
        desc.setAttribute("interlaceFlag", "FALSE");
        if (first) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0});   // sub-block 1: loop count 0 = forever
            apps.appendChild(app);
        }
        meta.setFromTree(format, root);
        return meta;
    }

    static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode n = new IIOMetadataNode(name);
        root.appendChild(n);
        return n;
    }
}
