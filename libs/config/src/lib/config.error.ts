/**
 * A configuration value is missing or malformed. Its message is one line that
 * names the variable, fit to print as the app's last words at start-up.
 */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}
