/** Tests that run the local stack as a child process, with a real Prometheus scraping it. */
@NullMarked
package dev.tokenmeter.deploy.stack;

import org.jspecify.annotations.NullMarked;
