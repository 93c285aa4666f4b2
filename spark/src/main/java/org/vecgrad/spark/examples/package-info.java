/**
 * Runnable examples of the spark module: {@link org.vecgrad.spark.examples.DigitsOnSpark} (train on 4 partitions
 * and on 1, score a DataFrame), run with {@code mvn -q -pl spark -am compile exec:exec}.
 */
package org.vecgrad.spark.examples;
