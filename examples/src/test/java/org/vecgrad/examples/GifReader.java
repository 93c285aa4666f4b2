package org.vecgrad.examples;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;

/** Reads back a GIF written by {@link Gif}, through javax.imageio's GIF reader: what a viewer would show. */
final class GifReader {
    private GifReader() {
    }

    /**
     * @param frames   every frame as shown (each drawn over the previous one: doNotDispose)
     * @param width    logical screen width
     * @param height   logical screen height
     * @param loops    the NETSCAPE2.0 application extension is present with loop count 0 (forever)
     * @param delaysCs each frame's delay in hundredths of a second
     */
    record Animation(List<BufferedImage> frames, int width, int height, boolean loops, int[] delaysCs) {
    }

    static Animation read(Path file) {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in);
            int n = reader.getNumImages(true);
            IIOMetadataNode screen = Gif.child((IIOMetadataNode) reader.getStreamMetadata()
                    .getAsTree("javax_imageio_gif_stream_1.0"), "LogicalScreenDescriptor");
            int w = Integer.parseInt(screen.getAttribute("logicalScreenWidth"));
            int h = Integer.parseInt(screen.getAttribute("logicalScreenHeight"));
            int[] delays = new int[n];
            boolean loops = false;
            List<BufferedImage> frames = new ArrayList<>();
            BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int k = 0; k < n; k++) {
                IIOMetadataNode img = (IIOMetadataNode) reader.getImageMetadata(k)
                        .getAsTree("javax_imageio_gif_image_1.0");
                delays[k] = Integer.parseInt(Gif.child(img, "GraphicControlExtension").getAttribute("delayTime"));
                IIOMetadataNode apps = Gif.child(img, "ApplicationExtensions");
                for (int i = 0; i < apps.getLength(); i++) {
                    IIOMetadataNode app = (IIOMetadataNode) apps.item(i);
                    byte[] sub = (byte[]) app.getUserObject();
                    loops |= "NETSCAPE".equals(app.getAttribute("applicationID"))
                            && "2.0".equals(app.getAttribute("authenticationCode"))
                            && sub != null && sub.length == 3 && sub[0] == 1 && sub[1] == 0 && sub[2] == 0;
                }
                IIOMetadataNode desc = Gif.child(img, "ImageDescriptor");
                Graphics2D g = canvas.createGraphics();
                g.drawImage(reader.read(k), Integer.parseInt(desc.getAttribute("imageLeftPosition")),
                        Integer.parseInt(desc.getAttribute("imageTopPosition")), null);
                g.dispose();
                BufferedImage copy = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                copy.setData(canvas.getData());
                frames.add(copy);
            }
            return new Animation(frames, w, h, loops, delays);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } finally {
            reader.dispose();
        }
    }

    /** The number of pixels in which two images of one size differ. */
    static int differingPixels(BufferedImage a, BufferedImage b) {
        int[] pa = rgb(a);
        int[] pb = rgb(b);
        int n = 0;
        for (int i = 0; i < pa.length; i++) {
            n += pa[i] != pb[i] ? 1 : 0;
        }
        return n;
    }

    /** The mean absolute difference per RGB channel (0 … 255) of two images of one size. */
    static double meanAbsDiff(BufferedImage a, BufferedImage b) {
        int[] pa = rgb(a);
        int[] pb = rgb(b);
        long sum = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                sum += Math.abs(((pa[i] >> shift) & 0xff) - ((pb[i] >> shift) & 0xff));
            }
        }
        return sum / (3.0 * pa.length);
    }

    private static int[] rgb(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
