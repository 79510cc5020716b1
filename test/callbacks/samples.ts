/** One sample body per event type, shaped like Tencent's published samples. */
export const SAMPLES: Record<number, Record<string, unknown>> = {
  1: {
    event_type: 1, appid: 1250000000, app: "push.example.com", appname: "live", stream_id: "s1", channel_id: "s1",
    event_time: 1767225600, sequence: "6674468118806626493", node: "100.121.160.92", user_ip: "119.29.94.245",
    stream_param: "txSecret=40f38f69f2a&txTime=5C2E9F7F", width: 1280, height: 720, errcode: 0, errmsg: "ok", set_id: 2,
  },
  0: {
    event_type: 0, appid: 1250000000, app: "push.example.com", appname: "live", stream_id: "s1", channel_id: "s1",
    event_time: 1767229200, sequence: "6674468118806626493", push_duration: "3600000", errcode: 1, errmsg: "recv rtmp deleteStream",
  },
  100: {
    event_type: 100, appid: 1250000000, app: "push.example.com", appname: "live", stream_id: "s1", channel_id: "s1",
    file_id: "5285890784363430543", file_format: "hls", task_id: "1234", start_time: 1767225600, end_time: 1767229200,
    duration: 3600, file_size: 123456789, video_url: "https://vod.example.com/s1.m3u8",
  },
  200: {
    event_type: 200, stream_id: "s1", channel_id: "s1", create_time: 1767225600, file_size: 52047, width: 1280, height: 720,
    pic_url: "/path/s1-1767225600.jpg", pic_full_url: "https://snap.example.com/path/s1-1767225600.jpg",
  },
  315: {
    event_type: 315, appid: 1250000000, stream_id: "s1", channel_id: "s1", domain: "push.example.com", path: "live",
    suggestion: "Review", label: "Moan", asr_text: "...", task_id: "t-1",
  },
  317: {
    event_type: 317, streamId: "s1", channelId: "s1", img: "https://snap.example.com/x.jpg", type: [1], score: 95,
    suggestion: "Block", label: "Porn", screenshotTime: 1767225600, sendTime: 1767225601, app: "push.example.com",
    appid: 1250000000, appname: "live", stream_param: "",
  },
  321: {
    event_type: 321, appid: 1250000000, stream_id: "s1", data_time: 1767225600, report_interval: 60,
    abnormal_event: [{ type: 3, count: 2, detail: [{ time: 1767225590 }] }], interface: "general_callback",
    domain: "push.example.com", path: "live",
  },
  332: {
    event_type: 332, appid: 1250000000, appname: "live", domain: "push.example.com", event_time: 1767225600,
    record_event: "record_start_succeeded", record_detail: {}, task_id: "t-2", seq: 1, session_id: "sess", stream_id: "s1",
  },
  341: {
    event_type: 341, appid: 1250000000, stream_id: "s1", session_id: "sess", file_format: "mp4", timestamp: 1767225600,
    exception_level: "warning", exception: { type: 2, occurs: 1767225600, desc: "upload slow" },
  },
};
