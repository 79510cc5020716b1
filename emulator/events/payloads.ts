/**
 * The bodies Tencent POSTs for each event type, filled the way the published samples
 * are. What the emulator cannot know (the account's appid, edge node addresses, file
 * URLs, moderation verdicts) is a placeholder; `fields` in the request override any of it.
 * Pure: ids and the clock come from the caller.
 */
import type { CallbackEventType } from "../../live-api/callback-events";
import type { RecordExceptionLevel } from "../../live-api";

/** The `appid` put in every payload (the emulator has no account id). */
export const PLACEHOLDER_APP_ID = 1250000000;

/** Host of every placeholder file URL; `.invalid` never resolves. */
export const PLACEHOLDER_FILE_HOST = "emulator.invalid";

/** A push in progress on one stream, as remembered between its start (1) and its end (0). */
export interface StreamSession {
  /** The `sequence` of the start; the interruption event repeats it. */
  readonly sequence: string;
  /** When the push started, Unix ms. */
  readonly startedAtMs: number;
}

/** What a payload is built from. */
export interface PayloadContext {
  readonly eventType: CallbackEventType;
  /** The push domain (`app` / `domain` in the payloads). */
  readonly domainName: string;
  /** The app name (`appname` / `path`). */
  readonly appName: string;
  readonly streamId: string;
  /** The emulator clock, Unix ms. */
  readonly nowMs: number;
  /** The push in progress on this stream, if a start was simulated. */
  readonly session: StreamSession | undefined;
  /** The bound template's RecordExceptionLevels (picks the default level of a 341). */
  readonly recordExceptionLevels: readonly RecordExceptionLevel[];
  /** A random string of `length` decimal digits, not starting with 0. */
  readonly randomDigits: (length: number) => string;
}

/** The payload of `context.eventType`, without `sign` and `t`. */
export function buildPayload(context: PayloadContext): Record<string, unknown> {
  const { domainName: domain, appName: app, streamId: stream, nowMs, session, randomDigits } = context;
  const seconds = Math.floor(nowMs / 1000);
  const common = { appid: PLACEHOLDER_APP_ID, app: domain, appname: app, stream_id: stream, channel_id: stream };
  switch (context.eventType) {
    case 1:
      return {
        event_type: 1,
        ...common,
        event_time: seconds,
        sequence: randomDigits(19),
        node: "127.0.0.1",
        user_ip: "127.0.0.1",
        stream_param: "",
        width: 1280,
        height: 720,
        errcode: 0,
        errmsg: "ok",
        set_id: 2,
      };
    case 0:
      return {
        event_type: 0,
        ...common,
        event_time: seconds,
        sequence: session?.sequence ?? randomDigits(19),
        node: "127.0.0.1",
        user_ip: "127.0.0.1",
        stream_param: "",
        width: 1280,
        height: 720,
        errcode: 1,
        errmsg: "recv rtmp deleteStream",
        set_id: 2,
        // Milliseconds as a string, like Tencent's samples.
        push_duration: String(session ? Math.max(0, nowMs - session.startedAtMs) : 0),
      };
    case 100: {
      const start = session ? Math.floor(session.startedAtMs / 1000) : seconds;
      return {
        event_type: 100,
        ...common,
        file_id: randomDigits(19),
        file_format: "hls",
        task_id: randomDigits(10),
        start_time: start,
        end_time: seconds,
        duration: seconds - start,
        file_size: 1048576,
        video_url: `https://${PLACEHOLDER_FILE_HOST}/${app}/${stream}/${seconds}.m3u8`,
        stream_param: "",
      };
    }
    case 200: {
      const path = `/${app}/${stream}-screenshot-${seconds}.jpg`;
      return {
        event_type: 200,
        stream_id: stream,
        channel_id: stream,
        create_time: seconds,
        file_size: 52047,
        width: 1280,
        height: 720,
        pic_url: path,
        pic_full_url: `https://${PLACEHOLDER_FILE_HOST}${path}`,
      };
    }
    case 315:
      return {
        event_type: 315,
        appid: PLACEHOLDER_APP_ID,
        stream_id: stream,
        channel_id: stream,
        domain,
        path: app,
        suggestion: "Pass",
        label: "Normal",
        asr_text: "",
        task_id: randomDigits(10),
      };
    case 317:
      // Tencent's one camelCase payload.
      return {
        event_type: 317,
        streamId: stream,
        channelId: stream,
        img: `https://${PLACEHOLDER_FILE_HOST}/${app}/${stream}-porn-${seconds}.jpg`,
        type: [0],
        score: 0,
        suggestion: "Pass",
        label: "Normal",
        screenshotTime: seconds,
        sendTime: seconds,
        app: domain,
        appid: PLACEHOLDER_APP_ID,
        appname: app,
        stream_param: "",
      };
    case 321:
      return {
        event_type: 321,
        appid: PLACEHOLDER_APP_ID,
        stream_id: stream,
        data_time: seconds,
        report_interval: 60,
        abnormal_event: [{ type: 1, count: 1, detail: [{ time: seconds }] }],
        interface: "general_callback",
        domain,
        path: app,
      };
    case 332:
      return {
        event_type: 332,
        appid: PLACEHOLDER_APP_ID,
        appname: app,
        domain,
        event_time: seconds,
        record_event: "record_start_succeeded",
        record_detail: {},
        task_id: randomDigits(10),
        seq: 1,
        session_id: randomDigits(19),
        stream_id: stream,
      };
    case 341:
      return {
        event_type: 341,
        appid: PLACEHOLDER_APP_ID,
        stream_id: stream,
        session_id: randomDigits(19),
        file_format: "mp4",
        timestamp: seconds,
        exception_level: context.recordExceptionLevels[0] ?? "error",
        exception: { type: 1, occurs: seconds, desc: "simulated recording exception" },
      };
  }
}
