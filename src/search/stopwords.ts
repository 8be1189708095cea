// Danish stop words: the Snowball list, minus the negations that carry do versus don't,
// plus the question words leaders open with ("hvordan", "kan", "bør") that say nothing
// about which statement fits.

import { PHRASE_ABBREVIATIONS } from './abbreviations.ts';

const SNOWBALL_DANISH = `og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi
min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil blev kunne ind
når være dog noget ville jo deres efter ned skulle denne end dette mit også under have dig anden hende mine alt meget
sit sine vor mod disse hvis din nogle hos blive mange ad bliver hendes været thi jer sådan`;

/** Negations and quantifiers of absence: "ikke tilbageholde", "aldrig", "ingen penge". */
export const NEGATIONS = ['ikke', 'aldrig', 'ingen', 'intet', 'ej', 'hverken', 'uden'];

const QUESTION_AND_FILLER = `hvordan hvem hvornår hvilken hvilke hvilket hvorledes mon kan bør må får gør gøre går
lige bare egentlig så nogen noget nogle sådan sådanne man mig mit min mine vores jeres hans hendes deres dets
os vi jeg du i de dem den det der her hvis når hvad hvor hvorhen fx eks evt osv mv bl.a ca
al alle alt andre anden andet enhver hver hvert helt meget mere mest lidt godt gerne
være er var været blive bliver blev blevet have har havde haft skal skulle vil ville kunne
ja nej tak hej hejsa kære venlig venligst please også endnu allerede stadig altid tit ofte
nu da så dog jo vel nok lige bare sgu altså fordi derfor hvorfor`.replace('hvorfor', '');

const NEGATION_SET = new Set(NEGATIONS);

export const STOPWORDS: ReadonlySet<string> = new Set(
  `${SNOWBALL_DANISH} ${QUESTION_AND_FILLER} ${PHRASE_ABBREVIATIONS}`
    .split(/\s+/)
    .filter((w) => w && !NEGATION_SET.has(w)),
);

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/**
 * Common words that say little about the topic on their own ("god", "lave", "sikre",
 * "mene"): kept, but weighted low, so "Hvordan laver man en god lasagne?" does not match
 * "Lave for mange regler." on "lave" alone. General Danish, not tuned to any question.
 */
const LIGHT = `god gode godt bedre bedst dårlig dårlige lave laver lavet gøre gør gjort gjorde sikre sikrer sikret
tage tager taget tog komme kommer kom kommet bruge bruger brugt have har se ser set vide ved vidste tænke tænker
mene mener mente synes syntes sige siger sagde sagt spørge spørger finde finder fundet give giver gav givet
stå står stod ligge ligger lå blive bliver gå går gik gået holde holder holdt kunne skulle ville måtte burde
hjælpe hjælper håndtere håndterer håndteret klare klarer klaret arbejde arbejder ting tingene måde måden
sted stedet orden fin fint stor store større lille små mindre ny nye ældre hel hele helt rigtig rigtige rigtigt
grupperne gruppen gruppe grupper ledelsesgrupperne nyborg i dag dag dage uge år morgen aften gang gange
leder ledere lederne lederen spørgsmål svar eksempel fx ide idé råd tip
undgå undgår undgik undgået vigtig vigtigt vigtige få får fik fået betyde betyder betød betydet anbefale anbefaler skrive skriver skrev forklare okay ok`;

export const LIGHT_WORDS: ReadonlySet<string> = new Set(LIGHT.split(/\s+/).filter(Boolean));
export const LIGHT_WEIGHT = 0.25;
