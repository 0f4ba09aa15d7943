import type { Widen } from '../widen';

/** Activity log and timelines (English). */
export const activityEn = {
  title: 'Activity',
  channels: {
    visit: 'Visit',
    phone: 'Phone call',
    email: 'Email',
    sms: 'Text message',
    letter: 'Letter or card',
    gift: 'Gift',
    companyVisit: 'Visit to our company',
    seminar: 'Seminar',
    meeting: 'Meeting',
    personal: 'Personal contact',
  },
};

/** 联络记录与时间线（简体中文）。 */
export const activityZh: Widen<typeof activityEn> = {
  title: '联络记录',
  channels: {
    visit: '拜访',
    phone: '电话',
    email: '电子邮件',
    sms: '短信',
    letter: '信函/贺卡',
    gift: '礼品',
    companyVisit: '来访我司',
    seminar: '研讨会',
    meeting: '会议',
    personal: '私人交往',
  },
};
