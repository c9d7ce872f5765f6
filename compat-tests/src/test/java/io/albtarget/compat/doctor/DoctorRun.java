package io.albtarget.compat.doctor;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the doctor in this JVM: its exit code and what it printed. */
final class DoctorRun {

    final int exitCode;
    final String out;
    final String err;

    private DoctorRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static DoctorRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Doctor.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new DoctorRun(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
