@NullMarked
package dev.tokenmeter.query.web;

import org.jspecify.annotations.NullMarked;
