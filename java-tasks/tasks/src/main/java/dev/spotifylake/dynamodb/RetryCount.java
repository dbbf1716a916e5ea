package dev.spotifylake.dynamodb;

import java.util.concurrent.atomic.LongAdder;

import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/** The retries of every DynamoDB request of the task, all threads together, as the SDK reports them in its metrics. */
final class RetryCount implements MetricPublisher {
    private final LongAdder retries = new LongAdder();

    @Override
    public void publish(MetricCollection metrics) {
        metrics.metricValues(CoreMetric.RETRY_COUNT).forEach(retries::add);
    }

    long count() {
        return retries.sum();
    }

    @Override
    public void close() {
        // holds nothing
    }
}
