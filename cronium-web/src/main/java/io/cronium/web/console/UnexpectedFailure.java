package io.cronium.web.console;

import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.omnifaces.exceptionhandler.FacesMessageExceptionHandler;

/**
 * What the console says when an action fails for a reason no page expected: a message with a reference that the
 * server's log repeats with the cause, instead of silence (an Ajax action that failed changed nothing on the page)
 * or the cause's own text (it may name tables, queries or values).
 */
public class UnexpectedFailure extends FacesMessageExceptionHandler {

    private static final Logger LOG = Logger.getLogger(UnexpectedFailure.class.getName());

    public UnexpectedFailure(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    protected String createFatalMessage(Throwable exception) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.SEVERE, "console action failed (reference " + reference + ")", exception);
        return "Something went wrong on the server and nothing was changed (reference " + reference
                + " in the server log).";
    }

    /** Declared in faces-config.xml before the view-expiry handler, which therefore sees its exceptions first. */
    public static class Factory extends ExceptionHandlerFactory {

        public Factory(ExceptionHandlerFactory wrapped) {
            super(wrapped);
        }

        @Override
        public ExceptionHandler getExceptionHandler() {
            return new UnexpectedFailure(getWrapped().getExceptionHandler());
        }
    }
}
