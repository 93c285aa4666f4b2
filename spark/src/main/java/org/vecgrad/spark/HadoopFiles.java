package org.vecgrad.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Whole-file reads and writes through Hadoop's {@link FileSystem} with the session's Hadoop configuration, so any
 * URI the cluster knows works ({@code file://}, {@code hdfs://}, {@code s3a://}, …); a path without a scheme means
 * the default file system.
 */
final class HadoopFiles {
    private HadoopFiles() {
    }

    static Configuration conf(SparkSession spark) {
        return spark.sparkContext().hadoopConfiguration();
    }

    /** The whole file; files of 2 GiB or more are refused. */
    static byte[] read(Configuration conf, String uri) throws IOException {
        Path p = new Path(uri);
        FileSystem fs = p.getFileSystem(conf);
        long len = fs.getFileStatus(p).getLen();
        if (len >= Integer.MAX_VALUE - 8) {
            throw new IOException(uri + " has " + len + " bytes; at most 2 GiB can be read whole");
        }
        try (InputStream in = fs.open(p)) {
            return in.readAllBytes();
        }
    }

    /**
     * Writes {@code bytes} to {@code uri}, replacing it: first to a sibling "{@code .<name>.tmp}", then renamed over
     * the target, so a job killed while writing leaves the previous file intact.
     */
    static void write(Configuration conf, String uri, byte[] bytes) throws IOException {
        Path p = new Path(uri);
        FileSystem fs = p.getFileSystem(conf);
        Path tmp = new Path(p.getParent(), "." + p.getName() + ".tmp");
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(bytes);
        }
        if (fs.exists(p) && !fs.delete(p, false)) {
            throw new IOException("cannot replace " + uri);
        }
        if (!fs.rename(tmp, p)) {
            throw new IOException("cannot rename " + tmp + " to " + uri);
        }
    }
}
