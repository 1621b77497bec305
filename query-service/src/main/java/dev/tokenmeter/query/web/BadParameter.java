package dev.tokenmeter.query.web;

/** A request parameter that cannot be honoured: answered 400, naming the parameter. */
public class BadParameter extends RuntimeException {

    private final String parameter;

    public BadParameter(String parameter, String message) {
        super(message, null, false, false);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
