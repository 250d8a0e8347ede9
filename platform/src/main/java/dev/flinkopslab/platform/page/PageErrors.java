package dev.flinkopslab.platform.page;

import dev.flinkopslab.platform.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** What went wrong behind a page, as a page: the API's one line and status, with a way back. */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {
    private static final Logger LOG = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(ApiException.class)
    ModelAndView api(ApiException e) {
        return page(e.status(), e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e) {
        LOG.error("unexpected error behind a page", e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR, "unexpected error: " + e.getMessage() + "; the platform's log has the details");
    }

    private static ModelAndView page(HttpStatus status, String message) {
        ModelAndView page = new ModelAndView("error-page");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("reason", status.getReasonPhrase());
        page.addObject("message", message);
        return page;
    }
}
