import {
  IconBriefcase,
  IconBuilding,
  IconGift,
  IconHeartHandshake,
  IconMail,
  IconMessage,
  IconPhone,
  IconPresentation,
  IconUsers,
  IconWriting,
  type Icon,
} from '@tabler/icons-react';
import type { Channel } from './activity-rules';

const ICONS: Record<Channel, Icon> = {
  visit: IconBriefcase,
  phone: IconPhone,
  email: IconMail,
  sms: IconMessage,
  letter: IconWriting,
  gift: IconGift,
  companyVisit: IconBuilding,
  seminar: IconPresentation,
  meeting: IconUsers,
  personal: IconHeartHandshake,
};

/** A colour per kind of channel: face to face, remote, written, gift. */
export const CHANNEL_COLORS: Record<Channel, string> = {
  visit: 'blue',
  companyVisit: 'blue',
  meeting: 'blue',
  seminar: 'cyan',
  phone: 'teal',
  email: 'gray',
  sms: 'gray',
  letter: 'gray',
  gift: 'grape',
  personal: 'orange',
};

export function ChannelIcon({ channel, size = 14 }: { channel: Channel; size?: number }) {
  const I = ICONS[channel];
  return <I size={size} aria-hidden />;
}
