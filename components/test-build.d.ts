interface ImportMetaEnv {
  /** True only in the security tests' deliberately unsafe build (`LECTERN_UNSAFE_TEST=1`, see wxt.config.ts). */
  readonly LECTERN_UNSAFE_TEST?: boolean;
}
