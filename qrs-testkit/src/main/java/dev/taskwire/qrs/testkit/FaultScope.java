package dev.taskwire.qrs.testkit;

/** Which requests an injected failure applies to. */
public enum FaultScope {
  /** Every request that passes the Xrfkey check. */
  ALL_REQUESTS,
  /** Only task start calls ({@code POST /qrs/task/.../start...}) that pass the Xrfkey check. */
  TASK_STARTS
}
