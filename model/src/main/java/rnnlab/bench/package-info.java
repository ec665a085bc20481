/**
 * Benchmark mains (not tests): speed of the numeric engine on the lab's sizes. Run them as their javadoc
 * says; they print Markdown tables.
 */
package rnnlab.bench;
