/**
 * Facts about the fields of a Live callback rule (`CreateLiveCallbackRule`,
 * `CallBackRuleInfo`) beyond their wire shapes (wire.ts). The provider fills the default
 * at check time, and the SDK and the plan check read it from here.
 */

/**
 * The `AppName` the API reference and the console use when none is given: the path
 * segment of push URLs such as `rtmp://push.example.com/live/stream`.
 */
export const DEFAULT_APP_NAME = "live";
