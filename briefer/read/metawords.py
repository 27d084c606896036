"""The word classes of meta-text, in English, French and Spanish: who a sentence speaks to, what it directs,
and what frames it as news. Each class is a named tuple of phrases, lowercase and without accents (they are
matched against ``skeleton`` text); ``meta`` combines them. A class is written for the kind of word, never
for a sentence seen: a new word goes in the class it belongs to, and the class's tests in
tests/read/test_meta.py say what each class must catch and keep.
"""

from __future__ import annotations

# --- who is addressed -------------------------------------------------------------------------------------

# The tool, named unambiguously: an AI, a language model, a summariser, an automated reader.
TOOLS = {
    "en": ("ai", "ais", "artificial intelligence", "llm", "llms", "large language model", "large language models",
           "language model", "language models", "chatbot", "chatbots", "chat bot", "chat bots", "gpt", "chatgpt",
           "summariser", "summarisers", "summarizer", "summarizers", "summarising tool", "summarizing tool",
           "summarisation tool", "summarization tool", "summarisation tools", "summarization tools",
           "summary tool", "summary tools", "automated tool", "automated tools", "automated system",
           "automated systems", "automated summaries", "automated summary", "automated reader",
           "automated readers", "automated agent", "automated agents", "automatic summaries",
           "machine reader", "machine readers", "ai assistant", "ai assistants", "virtual assistant",
           "digital assistant", "news bot", "news bots", "briefing tool", "briefing tools", "aggregator bot",
           "text model", "text models", "ai model", "ai models", "ai system", "ai systems", "ai tool",
           "ai tools", "ai agent", "ai agents", "bot", "bots", "crawler", "crawlers", "scraper", "scrapers",
           "generative ai", "gen ai", "genai", "copilot", "copilots", "summary engine", "summary engines",
           "text engine", "text engines", "digest generator", "digest generators", "summary generator",
           "summary generators", "neural network", "neural networks", "gpt-style", "ai-powered"),
    "fr": ("ia", "intelligence artificielle", "intelligences artificielles", "modele de langage",
           "modeles de langage", "grand modele de langage", "agent conversationnel", "agents conversationnels",
           "robot conversationnel", "robots conversationnels", "outil automatise", "outils automatises",
           "outil automatique", "outils automatiques", "systeme automatise", "systemes automatises",
           "resumes automatiques", "resume automatique", "resumes automatises", "outil de resume",
           "outils de resume", "outil de synthese", "outils de synthese", "assistant virtuel",
           "assistant ia", "assistants ia", "chatbot", "chatbots", "robot", "robots", "llm",
           "agent d'ia", "agents d'ia",
           "moteur de synthese", "moteurs de synthese", "logiciel de resume", "logiciels de resume", "ia generative"),
    "es": ("ia", "inteligencia artificial", "inteligencias artificiales", "modelo de lenguaje",
           "modelos de lenguaje", "asistente virtual", "asistentes virtuales", "asistente de ia",
           "asistentes de ia", "herramienta automatizada", "herramientas automatizadas",
           "herramienta automatica", "herramientas automaticas", "sistema automatizado",
           "sistemas automatizados", "resumenes automaticos", "resumen automatico", "resumidor",
           "resumidores", "herramienta de resumen", "herramientas de resumen", "chatbot", "chatbots",
           "bot", "bots", "robot", "robots", "llm", "agente de ia", "agentes de ia", "motor de sintesis",
           "motores de sintesis", "programa de resumen", "programas de resumen", "ia generativa"),
}
# Words that name the tool only in a processing context ("the model must list ..."), and often name
# something else ("a business model", "an assistant coach").
WEAK_TOOLS = {
    "en": ("model", "models", "assistant", "assistants", "agent", "agents", "system", "systems", "tool", "tools",
           "machine", "machines", "algorithm", "algorithms", "program", "programs", "reader", "readers", "engine",
           "engines", "generator", "generators", "software", "service", "services", "pipeline", "pipelines"),
    "fr": ("modele", "modeles", "assistant", "assistants", "agent", "agents", "systeme", "systemes", "outil",
           "outils", "machine", "machines", "algorithme", "algorithmes", "programme", "lecteur", "lecteurs",
           "lectrice", "lectrices", "moteur", "moteurs", "logiciel", "logiciels", "generateur", "generateurs"),
    "es": ("modelo", "modelos", "asistente", "asistentes", "agente", "agentes", "sistema", "sistemas",
           "herramienta", "herramientas", "maquina", "maquinas", "algoritmo", "algoritmos", "programa", "lector",
           "lectores", "lectora", "lectoras", "motor", "motores", "programas", "generador", "generadores"),
}
# A tool word followed by one of these names a person or a thing, not the tool: "assistant coach",
# "AI company", "model railway".
NOT_ADDRESSEE_AFTER = frozenset((
    "coach", "coaches", "manager", "managers", "secretary", "secretaries", "professor", "professors", "director",
    "directors", "chief", "editor", "editors", "referee", "referees", "commissioner", "attorney", "principal",
    "minister", "ministers", "general", "superintendent", "producer", "judge", "company", "companies", "firm",
    "firms", "industry", "industries", "startup", "startups", "lab", "labs", "laboratory", "chip", "chips",
    "regulation", "regulations", "law", "laws", "act", "bill", "safety", "sector", "boom", "bubble", "research",
    "researchers", "expert", "experts", "developer", "developers", "investment", "investments", "stocks",
    "shares", "race", "summit", "policy", "policies", "strategy", "ethics", "giant", "giants", "rules",
    "railway", "railways", "train", "trains", "village", "home", "homes", "agency", "of", "for", "year",
    "years", "citizen", "citizens", "minority", "patient", "patients", "prisoner", "prisoners", "student",
    "students", "worker", "workers", "nurse", "nurses", "doctor", "doctors", "teacher", "teachers",
    "entreprise", "entreprises", "societe", "loi", "reglement", "secteur", "empresa", "empresas", "ley",
    "reglamento", "sector", "de", "del", "des", "du",
))
# Someone who processes this text, described rather than named: "whoever summarises this".
PROCESSORS = {
    "en": ("whoever summarises", "whoever summarizes", "whoever is summarising", "whoever is summarizing",
           "anyone summarising", "anyone summarizing", "anything summarising", "anything summarizing",
           "anyone processing this", "anything processing this", "any system that", "any tool that",
           "any program that", "any software that", "whatever reads this", "whoever reads this",
           "whatever processes this", "whoever processes this", "if you are summarising", "if you are summarizing",
           "if you are processing", "if you are an", "if you are a", "when summarising this", "when summarizing this",
           "when processing this", "when parsing this", "when briefing on this", "while summarising this",
           "while summarizing this", "while processing this", "in summarising this", "in summarizing this",
           "reading this article", "summarising this article", "summarizing this article", "processing this text",
           "processing this article", "summarising this text", "summarizing this text", "parsing this"),
    "fr": ("quiconque resume", "toute personne qui resume", "tout outil qui", "tout systeme qui", "tout programme qui",
           "qui que vous soyez", "si vous etes une ia", "si vous etes un", "lors du resume", "en resumant ce",
           "quand vous resumez", "lorsque vous resumez", "pour resumer ce texte", "pour resumer cet article",
           "qui lit ce texte", "qui lit cet article", "qui traite ce texte", "qui traite cet article"),
    "es": ("quien resuma", "quienquiera que resuma", "cualquiera que resuma", "cualquier herramienta que",
           "cualquier sistema que", "cualquier programa que", "si eres una ia", "si eres un", "si usted es",
           "al resumir este", "al resumir esta", "cuando resumas", "cuando resuma", "al procesar este",
           "al procesar esta", "quien lea este", "quien procese este", "quien procese esta"),
}

# --- what the tool makes ----------------------------------------------------------------------------------

# The tool's output, named unambiguously.
OUTPUTS = {
    "en": ("json", "schema", "tl;dr", "tldr",
           "focus_role", "key_points", "open_questions", "role section", "roles section", "who field",
           "output field", "json field", "json object", "json output", "structured output", "your summary",
           "your brief", "your briefing", "your headline", "your answer", "your response", "your reply",
           "your output", "your report", "your summaries", "your key points", "the generated summary",
           "the generated headline", "any summary", "any summaries", "any headline", "every summary",
           "all summaries", "the summary of this", "a summary of this", "summaries of this", "the brief of this",
           "briefs of this", "briefings of this", "the headline of this", "headlines of this"),
    "fr": ("json", "schema", "votre resume", "votre synthese",
           "votre titre", "votre reponse", "vos resumes", "ton resume", "ta reponse", "ta synthese", "le resume de cet",
           "le resume de ce", "les resumes de cet", "les resumes de ce", "la synthese de cet", "la synthese de ce",
           "le titre de cet", "tout resume", "toute synthese", "la sortie", "le champ", "les champs"),
    "es": ("json", "esquema", "su resumen", "tu resumen",
           "su titular", "tu titular", "su respuesta", "tu respuesta", "sus resumenes", "tus resumenes",
           "el resumen de este", "el resumen de esta", "los resumenes de este", "los resumenes de esta",
           "el titular de este", "el titular de esta", "cualquier resumen", "todo resumen", "la salida",
           "el campo", "los campos"),
}
# Words that name the output only in a processing context ("put it in the summary"), and often name
# something else ("economic output", "a brief statement", "summary judgment").
WEAK_OUTPUTS = {
    "en": ("summary", "summaries", "brief", "briefs", "briefing", "headline", "headlines", "output", "answer",
           "response", "reply", "field", "fields", "label", "labels", "tag", "tags", "title", "abstract",
           "synopsis", "digest", "overview", "recap", "key points", "key point", "key facts", "bullet points",
           "bullet list", "top line", "topline", "metadata", "array", "takeaways", "lede", "blurb", "snippet"),
    "fr": ("resume", "resumes", "synthese", "syntheses", "titre", "titres", "reponse", "champ", "champs",
           "etiquette", "etiquettes", "sortie", "chapeau", "apercu", "points cles", "point cle", "faits cles",
           "compte rendu", "tableau", "metadonnees", "accroche"),
    "es": ("resumen", "resumenes", "sintesis", "titular", "titulares", "respuesta", "campo", "campos",
           "etiqueta", "etiquetas", "salida", "titulo", "entradilla", "puntos clave", "punto clave", "datos clave",
           "resena", "arreglo", "metadatos", "sumario"),
}
# The labels of the brief's own schema: "mark it as done", "list him as main".
SCHEMA_LABELS = ("done", "planned", "expected", "speculative", "main", "minor", "central", "verified", "person-main",
                 "org-main", "place-main", "a key point", "key point", "the lead", "the main actor", "realise",
                 "realisee", "hecho", "realizado", "planificado", "principal")
# Verbs whose object is something written out: an order to the tool is an order to write.
OUTPUT_VERBS = {
    "en": ("state", "say", "write", "report", "list", "label", "mark", "tag", "describe", "classify", "include",
           "mention", "output", "print", "return", "summarise", "summarize", "claim", "assert", "declare",
           "present", "record", "note", "add", "insert", "append", "headline", "title", "emit", "respond",
           "reply", "answer", "call", "name", "rate", "rank", "treat", "portray", "characterise", "characterize",
           "frame", "cite", "quote", "attribute", "begin", "open", "lead", "end", "conclude", "translate",
           "rewrite", "refer", "convey", "reflect", "feature", "contain", "show", "highlight", "stress", "emphasise",
           "emphasize", "include"),
    "fr": ("indiquer", "indiquez", "indique", "ecrire", "ecrivez", "ecris", "mentionner", "mentionnez",
           "mentionne", "affirmer", "affirmez", "affirme", "declarer", "declarez", "declare", "inclure",
           "incluez", "inclus", "ajouter", "ajoutez", "ajoute", "inscrire", "inscrivez", "presenter",
           "presentez", "presente", "decrire", "decrivez", "decris", "classer", "classez", "classe", "marquer",
           "marquez", "marque", "qualifier", "qualifiez", "qualifie", "appeler", "appelez", "nommer", "nommez",
           "signaler", "signalez", "signale",
           "preciser", "precisez", "precise", "dire", "dites", "dis", "resumer", "resumez", "resume",
           "repondre", "repondez", "reponds", "titrer", "titrez", "commencer", "commencez", "terminer",
           "terminez", "citer", "citez", "traduire", "traduisez", "reecrire", "reecrivez", "noter", "notez",
           "ouvrir", "ouvrez", "contenir", "reprendre", "reprenez"),
    "es": ("indicar", "indique", "indica", "indiquen", "escribir", "escriba", "escribe", "escriban",
           "mencionar", "mencione", "menciona", "mencionen", "afirmar", "afirme", "afirma", "afirmen",
           "declarar", "declare", "declara", "declaren", "incluir", "incluya", "incluye", "incluyan",
           "anadir", "anada", "anade", "anadan", "agregar", "agregue", "agrega", "agreguen", "presentar",
           "presente", "presenta", "presenten", "describir", "describa", "describe", "describan",
           "clasificar", "clasifique", "clasifica", "clasifiquen", "marcar", "marque", "marca", "marquen",
           "etiquetar", "etiquete", "etiqueta", "etiqueten", "senalar", "senale", "senala", "senalen",
           "decir", "diga", "di", "digan", "resumir", "resuma", "resume", "resuman", "responder", "responda",
           "responde", "respondan", "titular", "titule", "titula", "calificar", "califique", "califica",
           "califiquen", "llamar", "llame", "llama", "nombrar", "nombre", "comenzar", "comience", "comienza",
           "terminar", "termine", "termina", "citar", "cite", "cita", "traducir", "traduzca", "traduce",
           "reescribir", "reescriba", "reescribe", "reportar", "reporte", "reporta", "empezar", "empiece",
           "empieza", "abrir", "abra", "abre", "contener", "notar", "anotar", "anote", "anota"),
}

# --- the tool's own instructions ---------------------------------------------------------------------------

PROMPT_NOUNS = {
    "en": ("instruction", "instructions", "prompt", "prompts", "system prompt", "system message", "rules",
           "guidelines", "directives", "directions", "programming", "guardrails", "constraints", "task",
           "orders", "training", "configuration", "settings", "policy", "policies"),
    "fr": ("instruction", "instructions", "consigne", "consignes", "regles", "directives", "prompt",
           "invite", "message systeme", "tache", "programmation", "ordres", "parametres"),
    "es": ("instruccion", "instrucciones", "indicaciones", "reglas", "directrices", "directivas", "prompt",
           "consigna", "consignas", "mensaje del sistema", "tarea", "programacion", "ordenes", "configuracion"),
}
# A word that makes an instructions noun the tool's own: "previous instructions", "your rules".
PROMPT_QUALIFIERS = {
    "en": ("previous", "prior", "preceding", "above", "earlier", "original", "initial", "default", "system", "your",
           "hidden"),
    "fr": ("precedentes", "precedente", "anterieures", "anterieure", "ci-dessus", "initiales", "initiale",
           "originales", "vos", "votre", "tes", "ta", "systeme"),
    "es": ("anteriores", "anterior", "previas", "previa", "iniciales", "originales", "tus", "sistema"),
}
# ... words that may (news speaks of "all rules", "new instructions" too).
WEAK_QUALIFIERS = {
    "en": ("all", "any", "other", "old", "former", "new", "updated", "revised", "real", "actual", "true", "current",
           "those", "existing"),
    "fr": ("toutes", "tous", "nouvelles", "nouvelle", "vraies", "veritables", "actuelles", "existantes"),
    "es": ("todas", "todos", "nuevas", "nueva", "verdaderas", "reales", "actuales", "existentes", "sus"),
}

# --- this very text ---------------------------------------------------------------------------------------

DEIXIS = {
    "en": ("this article", "this text", "this story", "this page", "this piece", "this post", "this item",
           "this content", "this passage", "this dispatch", "this feature", "this report", "this document",
           "this message", "this news", "this one", "the above text", "the text above", "the text below",
           "the article above", "the present article", "the preceding text", "this paragraph",
           "the following paragraph", "the next paragraph", "these paragraphs", "this news item", "this webpage",
           "this web page", "this blog"),
    "fr": ("cet article", "ce texte", "ce recit", "cette page", "cette depeche", "ce document", "ce contenu",
           "ce passage", "ce message", "ce reportage", "le present article", "le present texte",
           "le texte ci-dessus", "le texte ci-dessous", "ce paragraphe", "le paragraphe suivant",
           "cette information", "cet extrait"),
    "es": ("este articulo", "este texto", "esta nota", "esta pagina", "esta noticia", "esta cronica",
           "este documento", "este contenido", "este pasaje", "este mensaje", "este reportaje",
           "el presente articulo", "el presente texto", "el texto anterior", "el texto siguiente",
           "este parrafo", "el parrafo siguiente", "la presente nota", "este extracto"),
}
SECOND_PERSON = {
    "en": ("you", "your", "yours", "yourself", "yourselves"),
    "fr": ("vous", "votre", "vos", "tu", "ton", "ta", "tes", "toi"),
    "es": ("tu", "tus", "usted", "ustedes", "vosotros", "vuestro", "vuestra", "vuestros", "ti"),
}

# --- what directs -------------------------------------------------------------------------------------------

# Verbs an order to the tool opens with (imperative or, in French and Spanish, the infinitive of
# written instructions), besides OUTPUT_VERBS.
IMPERATIVES = {
    "en": ("ignore", "disregard", "forget", "override", "bypass", "skip", "drop", "omit", "remove", "delete",
           "discard", "set", "change", "replace", "update", "use", "put", "fill", "flag", "make", "consider",
           "regard", "treat", "comply", "follow", "obey", "adopt", "apply", "switch", "act", "pretend", "behave",
           "format", "emphasise", "emphasize", "stress", "highlight", "prioritise", "prioritize", "feature",
           "confirm", "give", "show", "tell", "keep", "leave", "do", "be", "remember", "assume", "stop", "start",
           "produce", "generate", "render", "respond", "reply", "answer", "output", "print", "return", "insert",
           "include", "add", "append", "state", "say", "write", "list", "label", "mark", "tag", "describe",
           "classify", "mention", "summarise", "summarize", "report", "declare", "assert", "claim", "note",
           "record", "present", "rate", "rank", "call", "name", "cite", "quote", "attribute", "translate",
           "rewrite", "begin", "open", "lead", "end", "conclude", "inform", "link", "direct", "refer", "credit",
           "ensure", "guarantee", "verify", "check", "see", "mind", "prefer", "avoid", "reflect", "convey"),
    "fr": ("ignorez", "ignore", "ignorer", "oubliez", "oublie", "oublier", "remplacez", "remplace", "remplacer",
           "considerez", "considere", "considerer", "traitez", "traite", "traiter", "mettez", "mets", "mettre",
           "utilisez", "utilise", "utiliser", "suivez", "suis", "suivre", "respectez", "respecte", "respecter",
           "appliquez", "applique", "appliquer", "faites", "fais", "faire", "soyez", "sois", "agissez", "agis",
           "retirez", "retire", "retirer", "supprimez", "supprime", "supprimer", "omettez", "omets", "omettre",
           "modifiez", "modifie", "modifier", "changez", "change", "changer", "renvoyez", "renvoie", "renvoyer",
           "retournez", "retourne", "retourner", "produisez", "produis", "produire", "generez", "genere",
           "generer", "donnez", "donne", "donner", "attribuez", "attribue", "attribuer", "remplissez",
           "remplis", "remplir", "n'oubliez", "notez", "note", "noter", "soulignez",
           "souligne", "souligner", "assurez", "assure", "veillez", "veille", "verifiez", "evitez", "privilegiez"),
    "es": ("ignora", "ignore", "ignoren", "ignorad", "ignorar", "olvida", "olvide", "olviden", "olvidar",
           "reemplaza", "reemplace", "reemplacen", "reemplazar", "sustituye", "sustituya", "sustituyan",
           "sustituir", "considera", "considere", "consideren", "considerar", "trata", "trate", "traten",
           "tratar", "pon", "ponga", "pongan", "poner", "usa", "use", "usen", "usar", "utiliza", "utilice",
           "utilizar", "sigue", "siga", "sigan", "seguir", "aplica", "aplique", "apliquen", "aplicar", "haz",
           "haga", "hagan", "hacer", "sea", "sean", "actua", "actue", "elimina", "elimine", "eliminen",
           "eliminar", "borra", "borre", "borrar", "omite", "omita", "omitan", "omitir", "cambia", "cambie",
           "cambien", "cambiar", "modifica", "modifique", "modificar", "devuelve", "devuelva", "devuelvan",
           "devolver", "genera", "genere", "generen", "generar", "produce", "produzca", "producir", "dar",
           "atribuye", "atribuya", "atribuir", "rellena", "rellene", "rellenar", "completa",
           "complete", "completar", "recuerda", "recuerde", "destaca", "destaque", "destacar", "subraya",
           "subraye", "subrayar", "asegurate", "asegurese", "asegurense", "procura", "procure", "verifica",
           "verifique", "evita", "evite"),
}
# "Please", and the words that may stand before an order: "Now,", "Also", "Instead".
ORDER_OPENERS = ("please", "kindly", "now", "also", "then", "instead", "so", "and", "finally", "next", "just",
                 "simply", "always", "never", "only", "do not", "don't", "dont", "remember to", "be sure to",
                 "make sure to", "make sure you", "important", "note", "nb", "ps", "reminder", "attention",
                 "s'il vous plait", "merci de", "priere de", "veuillez", "maintenant", "aussi", "ensuite",
                 "desormais", "toujours", "jamais", "ne", "n'", "por favor", "ahora", "tambien", "luego",
                 "ademas", "siempre", "nunca", "no", "importante", "nota", "recuerda", "recuerde")
# Obligation: the tool (or its output) must, should, shall...
MODALS = {
    "en": ("must", "mustn't", "must not", "should", "shouldn't", "should not", "shall", "shall not", "need to",
           "needs to", "has to", "have to", "is required to", "are required to", "is to", "are to", "ought to",
           "is instructed to", "are instructed to", "is asked to", "are asked to", "is expected to",
           "are expected to", "will need to", "is obliged to", "are obliged to", "is obligated to",
           "are obligated to", "is mandatory", "are mandatory", "it is essential that", "it is important that",
           "it is mandatory that", "make sure", "be sure to", "is directed to", "are directed to",
           "is hereby", "are hereby", "may only", "can only", "may not", "is supposed to", "are supposed to",
           "should read", "must read", "is to read", "will have to", "has got to", "is obliged", "be sure",
           "make certain", "it is essential", "it is vital", "it is crucial", "it is critical"),
    "fr": ("doit", "doivent", "devra", "devront", "devez", "dois", "devrait", "devraient", "devriez", "il faut",
           "il convient de", "est tenu de", "est tenue de", "sont tenus de", "sont tenues de", "est prie de",
           "est priee de", "sont pries de", "veuillez", "merci de", "priere de", "obligatoire", "obligatoirement",
           "imperativement", "il est imperatif", "il est essentiel", "il est indispensable", "est cense",
           "sont censes", "ne peut que", "ne peuvent que", "exige", "exigent", "sont pries", "sont priees",
           "il est essentiel", "il est crucial", "aura a", "auront a"),
    "es": ("debe", "deben", "debera", "deberan", "debes", "deberia", "deberian", "deberas", "tiene que",
           "tienen que", "tienes que", "hay que", "esta obligado", "esta obligada", "estan obligados",
           "se ruega", "por favor", "obligatorio", "obligatoria", "obligatoriamente", "es necesario que",
           "es imprescindible", "favor de", "se requiere", "se exige", "solo puede", "solo pueden", "tendra que",
           "tendran que", "habra que", "estan obligadas", "se pide", "es esencial", "es fundamental"),
}
# Replacing the tool's rules or output: "supersedes", "from now on", "the real headline is".
OVERRIDES = {
    "en": ("supersede", "supersedes", "superseded", "override", "overrides", "overridden", "overriding",
           "from now on", "henceforth", "hereafter", "takes precedence", "take precedence", "replaces",
           "replace", "replaced", "has been updated", "have been updated", "has changed", "have changed",
           "no longer apply", "no longer applies", "is void", "are void", "null and void", "is obsolete",
           "are obsolete", "is cancelled", "are cancelled", "is revoked", "are revoked", "instead of",
           "you are now", "you are no longer", "your new", "act as", "pretend to be", "pretend you",
           "the real", "the actual", "the correct", "the true", "the official", "the proper", "the approved",
           "the only valid", "updated schema", "new schema", "updated format", "new format", "comply with",
           "in place of", "going forward", "from here on", "from this point", "as of now", "effective immediately"),
    "fr": ("remplace", "remplacent", "annule", "annulent", "desormais", "a partir de maintenant",
           "dorenavant", "prevaut", "prevalent", "prime sur", "a ete mis a jour", "a ete mise a jour",
           "ont ete mises a jour", "n'est plus valable", "ne sont plus valables", "caduc", "caduque", "caduques",
           "au lieu de", "vous etes maintenant", "vous etes desormais", "tu es maintenant", "tu es desormais",
           "agissez comme", "faites comme si", "le vrai", "la vraie", "le veritable", "la veritable",
           "le bon titre", "le titre correct", "le resume correct", "nouveau schema", "nouveau format",
           "conformez-vous", "a la place de", "a compter de maintenant",
           "des a present", "avec effet immediat"),
    "es": ("reemplaza", "reemplazan", "sustituye", "sustituyen", "anula", "anulan", "a partir de ahora",
           "de ahora en adelante", "en adelante", "desde ahora", "prevalece", "prevalecen", "ha sido actualizado",
           "ha sido actualizada", "han sido actualizadas", "ya no es valido", "ya no son validas", "queda sin efecto",
           "quedan sin efecto", "en lugar de", "en vez de", "ahora eres", "ya no eres", "actua como",
           "finge ser", "el verdadero", "la verdadera", "el titular correcto", "el resumen correcto",
           "nuevo esquema", "nuevo formato", "cumple con", "cumpla con", "en lo sucesivo",
           "desde este momento", "con efecto inmediato"),
}
# A sentence that announces a message to come: "the following is for automated tools".
ANNOUNCERS = {
    "en": ("follows", "following", "below", "as follows", "next paragraph", "here is", "here are", "read on",
           "see below", "underneath", "the next", "what comes next", "after this"),
    "fr": ("suit", "suivant", "suivante", "suivants", "suivantes", "ci-dessous", "ci-apres", "voici",
           "plus bas", "paragraphe suivant"),
    "es": ("sigue", "siguiente", "siguientes", "a continuacion", "abajo", "mas abajo", "lo siguiente", "he aqui",
           "parrafo siguiente"),
}
# A role label that forges a turn of a chat ("System:", "[assistant]") or a section of a prompt.
ROLE_LABELS = ("system", "assistant", "developer", "user", "admin", "administrator", "operator", "human",
               "instruction", "instructions", "system prompt", "system message", "ai assistant", "chatbot",
               "model", "bot", "ai", "ia", "systeme", "utilisateur", "assistant ia", "sistema", "usuario",
               "asistente", "instruccion", "instrucciones", "consigne", "consignes", "tool", "function", "context",
               "prompt", "override", "admin override", "system override", "system note", "note to ai",
               "mensaje del sistema", "message systeme", "inst", "sys")

# --- what frames a sentence as news -----------------------------------------------------------------------

# Reporting: someone else said, ordered or wrote it ("the ministry told hospitals to ...").
REPORTING = {
    "en": ("said", "says", "told", "tells", "ordered", "orders", "instructed", "instructs", "asked", "asks",
           "urged", "urges", "warned", "warns", "advised", "advises", "directed", "directs", "announced",
           "announces", "according to", "reported", "stated", "added", "ruled",
           "demanded", "demands", "called on", "calls on", "recommended", "recommends", "wrote", "writes",
           "insisted", "insists", "argued", "argues", "claimed", "explained", "explains", "noted",
           "testified", "testifies", "replied", "replies", "under the", "under new", "under a",
           "the law", "the bill", "the rule", "the regulation", "the regulations", "the guidance", "the policy",
           "the directive", "the order", "the decree", "the ruling", "guidance issued", "would require",
           "will require", "required by", "proposal", "proposals", "draft", "lawmakers",
           "regulators", "officials"),
    "fr": ("a dit", "a declare", "a annonce", "a ordonne", "a demande", "a exhorte", "a enjoint", "a precise",
           "a indique", "a affirme", "a ecrit", "a averti", "a estime", "selon", "d'apres", "dit-il", "dit-elle",
           "a-t-il dit", "a-t-elle dit", "a-t-il declare", "a-t-elle declare", "a-t-il ajoute", "a-t-elle ajoute",
           "a-t-il precise", "a-t-elle precise", "ont declare", "ont demande", "ont annonce", "ont ordonne",
           "en vertu de", "la loi", "le decret", "le reglement", "la directive", "le projet de loi",
           "exige que", "impose", "imposera", "les autorites", "le ministere", "le gouvernement"),
    "es": ("dijo", "afirmo", "declaro", "anuncio", "ordeno", "pidio", "insto", "exigio", "indico", "senalo",
           "preciso", "explico", "advirtio", "escribio", "segun", "de acuerdo con", "aseguro", "agrego",
           "anadio", "dijeron", "afirmaron", "declararon", "anunciaron", "ordenaron", "pidieron", "en virtud de",
           "la ley", "el decreto", "el reglamento", "la directiva", "el proyecto de ley", "exige que",
           "las autoridades", "el ministerio", "el gobierno"),
}
