/** Tests of the deploy files: compose, Dockerfiles, Kubernetes, Prometheus and Grafana. */
@NullMarked
package dev.tokenmeter.deploy.files;

import org.jspecify.annotations.NullMarked;
