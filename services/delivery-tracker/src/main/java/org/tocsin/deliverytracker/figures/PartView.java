package org.tocsin.deliverytracker.figures;

import java.util.Map;

/**
 * The figures of a named zone or a provider account within one alert version and channel.
 *
 * @param targeted what the fan-out report gave for it, or -1 if none did
 * @param pending targeted (or queued, if more) and not finished
 * @param latencyMillis for a provider: delivery latency (SENT to DELIVERED) at 50, 90 and 99 %;
 *     empty otherwise
 * @param errorRate for a provider: failed and retried attempts over all its attempts
 */
public record PartView(String name, long targeted, Map<Category, Long> counts, long pending,
                       Timings timings, Map<String, Long> latencyMillis, Double errorRate) {
}
