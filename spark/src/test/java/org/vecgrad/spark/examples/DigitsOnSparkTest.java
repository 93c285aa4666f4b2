package org.vecgrad.spark.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The example's main path, shortened to 2 epochs. */
class DigitsOnSparkTest {
    @Test
    void trainsOnFourAndOnePartitionsAlikeAndScoresTheTestSet() {
        SparkSession spark = DigitsOnSpark.localSession("local[2]", "DigitsOnSparkTest");
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DigitsOnSpark.Result r = DigitsOnSpark.run(spark, 2, 4, new PrintStream(bytes, true,
                    StandardCharsets.UTF_8));
            String printed = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(r.accuracy() > 0.8, "test accuracy " + r.accuracy() + "\n" + printed);
            // the same model up to float summation order: an argmax may flip on a near tie, no more
            assertEquals(r.accuracyOnePartition(), r.accuracy(), 2.0 / 360, printed);
            assertEquals(2, r.history().get("loss").size());
            assertTrue(printed.contains("4 partitions:") && printed.contains("1 partition :"), printed);
        } finally {
            spark.stop();
        }
    }

    @Test
    void theVectorApiFlagIsAppendedToTheUsersExecutorOptions() {
        assertEquals("--add-modules=jdk.incubator.vector", DigitsOnSpark.withVectorApi(" "));
        assertEquals("-Xss4m -Dx=1 --add-modules=jdk.incubator.vector", DigitsOnSpark.withVectorApi("-Xss4m -Dx=1"));
        assertEquals("--add-modules jdk.incubator.vector -Xss4m",
                DigitsOnSpark.withVectorApi("--add-modules jdk.incubator.vector -Xss4m"));
    }
}
