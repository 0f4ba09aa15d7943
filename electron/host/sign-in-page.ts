/**
 * What the browser host answers instead of the app to a browser without a session: a page with
 * no script, no app and no secret, in both of the app's languages since the user's choice of
 * language is stored behind the door it explains.
 */
export type SignInProblem = 'no-session' | 'code-refused';

const TEXT: Record<SignInProblem, { zh: string; en: string }> = {
  'no-session': {
    zh: '请用启动本应用的终端里打印的地址打开 Account Planner（以“Account Planner browser host:”开头的那一行）。',
    en: 'Open Account Planner from the address printed in the terminal where it was started (the line that starts with “Account Planner browser host:”).',
  },
  'code-refused': {
    zh: '这个地址已经用过或不正确。每个地址只能登录一个浏览器一次。',
    en: 'This address has already been used, or is not right. Each address signs one browser in, once.',
  },
};

const RESTART = {
  zh: '如果地址已经用过（例如在另一个浏览器里），请在那个终端按 Ctrl+C 停止本应用，再重新启动：它会打印一个新地址。数据不会丢失。',
  en: 'If the address has been used already (in another browser, say), stop the app with Ctrl+C in that terminal and start it again: it prints a new address. No data is lost.',
};

export function signInPage(problem: SignInProblem): string {
  const text = TEXT[problem];
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Account Planner</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.6;color:#222}h1{font-size:1.3rem}section+section{margin-top:2rem;border-top:1px solid #ddd;padding-top:1rem}</style>
</head>
<body>
<section>
<h1>Account Planner</h1>
<p>${text.zh}</p>
<p>${RESTART.zh}</p>
</section>
<section lang="en">
<p>${text.en}</p>
<p>${RESTART.en}</p>
</section>
</body>
</html>
`;
}
