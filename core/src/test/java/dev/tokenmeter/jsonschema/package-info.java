@NullMarked
package dev.tokenmeter.jsonschema;

import org.jspecify.annotations.NullMarked;
