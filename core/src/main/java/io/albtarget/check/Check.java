package io.albtarget.check;

import java.util.List;

/** One rule of the self-check: probes the target (or reads the settings) and returns its findings. */
interface Check {

    List<Finding> run(Probing probing);
}
