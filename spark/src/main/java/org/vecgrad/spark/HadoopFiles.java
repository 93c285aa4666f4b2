package org.vecgrad.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
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
     * Writes {@code bytes} to {@code uri}, replacing it: first to a sibling "{@code .<name>.tmp}", then the old file
     * is deleted and the temporary one renamed to the target. Not atomic: a job killed while writing leaves the
     * previous file intact, but one killed between the delete and the rename leaves only the temporary file (and a
     * reader in that instant finds no file). Checkpoints have a new name per step, so only a rewrite of the same
     * step meets that window.
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

    /** The names of the entries of directory {@code dirUri}; none if it does not exist. */
    static List<String> list(Configuration conf, String dirUri) throws IOException {
        Path p = new Path(dirUri);
        FileSystem fs = p.getFileSystem(conf);
        List<String> names = new ArrayList<>();
        if (fs.exists(p)) {
            for (FileStatus s : fs.listStatus(p)) {
                names.add(s.getPath().getName());
            }
        }
        return names;
    }
}
