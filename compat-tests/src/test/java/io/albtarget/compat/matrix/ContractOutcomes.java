package io.albtarget.compat.matrix;

import java.lang.reflect.Method;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.TestAbortedException;

/**
 * Records each contract item's result in the {@link MatrixReport}. A baseline is measured, not judged: an item it
 * fails is recorded and reported as aborted, with the assertion's message, so the build goes on; with albtarget a
 * failure fails the build.
 */
final class ContractOutcomes implements InvocationInterceptor {

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
            ExtensionContext context) throws Throwable {
        record(invocation, context, context.getDisplayName());
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
            ExtensionContext context) throws Throwable {
        // a parameterized item is named by its case alone
        record(invocation, context, context.getDisplayName());
    }

    private static void record(Invocation<Void> invocation, ExtensionContext context, String name) throws Throwable {
        ContractMatrixIT matrix = context.getRequiredTestInstances().findInstance(ContractMatrixIT.class)
                .orElseThrow();
        String group = context.getRequiredTestClass().getAnnotation(DisplayName.class).value();
        String item = group + ": " + name;
        try {
            invocation.proceed();
            MatrixReport.RUN.item(item, matrix.server(), matrix.mode(), MatrixReport.Result.PASS);
        } catch (TestAbortedException skipped) {
            MatrixReport.RUN.item(item, matrix.server(), matrix.mode(), MatrixReport.Result.SKIP);
            throw skipped;
        } catch (AssertionError failed) {
            MatrixReport.RUN.item(item, matrix.server(), matrix.mode(), MatrixReport.Result.FAIL);
            if (matrix.mode() == Mode.BASELINE) {
                throw new TestAbortedException("the baseline fails this item: " + failed.getMessage(), failed);
            }
            throw failed;
        }
    }
}
