/**
 * Benchmark and experiment mains (not tests): speed of the numeric engine on the lab's sizes, and the
 * memory-horizon experiment (the longest window each cell learns under a fixed budget). Run them as their
 * javadoc says; they print Markdown tables.
 */
package rnnlab.bench;
