/**
 * Benchmark and experiment mains (not tests): speed of the numeric engine on the lab's sizes, the numeric
 * engine against DL4J (and DL4J's memory over many runs), and {@code LongestWindowExperiment} (the longest
 * window each cell learns under a fixed budget; not the report's memory horizon). Run them as their
 * javadoc says; they print Markdown tables.
 */
package rnnlab.bench;
