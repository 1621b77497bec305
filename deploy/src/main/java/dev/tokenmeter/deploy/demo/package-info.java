/**
 * Demo traffic for the local stack: 30 days of realistic history on first start, then a steady live
 * stream, published to Kafka as JSON usage events exactly as a client would publish them.
 */
@NullMarked
package dev.tokenmeter.deploy.demo;

import org.jspecify.annotations.NullMarked;
