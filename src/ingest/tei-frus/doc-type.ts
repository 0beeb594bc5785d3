/**
 * The kind of document, read from the start of its title ("Telegram From the Embassy …",
 * "Memorandum of Conversation", "Editorial Note"). Ordered: the first match wins, so the more
 * specific forms ("Memorandum of Conversation") come before the general ones ("Memorandum").
 * Titles that name no kind (1948: "The Secretary of State to the Ambassador …") get none here;
 * the caller may still take one from the source note ("…: Telegram").
 */
const PATTERNS: [RegExp, string][] = [
  [/^editorial note\b/i, 'Editorial Note'],
  [/^(?:memorandum|record|notes?|transcript|summary) of (?:a |the )?telephone conversation/i, 'Telephone Conversation'],
  [/^(?:transcript of )?telephone conversation/i, 'Telephone Conversation'],
  [/^(?:draft |summary )?memorandum of (?:a |the )?conversations?\b/i, 'Memorandum of Conversation'],
  [/^(?:draft |circular |backchannel )*(?:telegram|cablegram|cable)\b/i, 'Telegram'],
  [/^backchannel message\b/i, 'Telegram'],
  [/^(?:circular )?airgram\b/i, 'Airgram'],
  [/^(?:despatch|dispatch)\b/i, 'Despatch'],
  [/^(?:draft )?letter\b/i, 'Letter'],
  [/^(?:oral |special |draft )?message\b/i, 'Message'],
  [/^(?:summary )?minutes\b|^summary record\b|^record of (?:a |the )?meeting|^(?:summary|notes?) of (?:a |the )?(?:\w+ )?meeting/i, 'Minutes'],
  [/^(?:special )?national intelligence estimate\b/i, 'National Intelligence Estimate'],
  [/^national security (?:action|study|decision) memorandum\b/i, 'Memorandum'],
  [/^(?:draft |action |information |research |intelligence |briefing )?memorand(?:um|urn|a)\b/i, 'Memorandum'],
  [/^(?:radio |television |inaugural )?address\b|^remarks\b|^speech\b|^toast\b/i, 'Speech'],
  [/^(?:oral |press |joint )?statement\b|^(?:background )?(?:press|news) (?:conference|briefing)\b|^press release\b/i, 'Statement'],
  [/^(?:position |briefing |background |talking |draft |information |comment |policy |staff |discussion |issues )?paper\b|^talking points\b|^(?:staff )?study\b/i, 'Paper'],
  [/^(?:national security council |special |intelligence |current intelligence |contact |intermediate |research |draft )?report\b|^current intelligence\b|^intelligence (?:note|brief|information)\b/i, 'Report'],
  [/^(?:national security council )?record of actions?\b/i, 'Record of Action'],
  [/^diary entry\b/i, 'Diary Entry'],
  [/^notes?\b/i, 'Note'],
  [/^transcript\b/i, 'Transcript'],
  [/^(?:draft )?resolution\b/i, 'Resolution'],
  [/^instructions?\b/i, 'Instruction'],
  [/^interview\b/i, 'Interview'],
  [/^aide-m[ée]moire\b/i, 'Aide-Mémoire'],
  [/^chronology\b/i, 'Chronology'],
];

/**
 * Second chance for titles that put an originator first ("United States Delegation Position
 * Paper", "Central Intelligence Agency Information Report", "Information Airgram From …"): the
 * last kind word before the first "From", "Prepared", "by", "to", "for" … names the kind.
 */
const KIND_WORDS: [RegExp, string][] = [
  [/\btelegram\b/i, 'Telegram'],
  [/\bairgram\b/i, 'Airgram'],
  [/\bletter\b/i, 'Letter'],
  [/\bmemorandum\b/i, 'Memorandum'],
  [/\bminutes\b/i, 'Minutes'],
  [/\brecord of actions?\b/i, 'Record of Action'],
  [/\bintelligence estimate\b/i, 'National Intelligence Estimate'],
  [/\breport\b/i, 'Report'],
  [/\b(?:paper|study|directive)\b/i, 'Paper'],
  [/\bnotes?\b/i, 'Note'],
];
const ORIGINATOR_END = /\s(?:From|from|Prepared|prepared|by|By|to|To|for|For|Taken|taken|on|On|at|At|Between|between|of the|Held|held)\s/;

export function inferDocumentType(title: string): string | undefined {
  const t = title.trim();
  for (const [pattern, type] of PATTERNS) if (pattern.test(t)) return type;
  const lead = t.split(ORIGINATOR_END)[0] ?? t;
  for (const [pattern, type] of KIND_WORDS) if (pattern.test(lead)) return type;
  return undefined;
}
