<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ActivationsPage</name>
    <message>
        <source>derivatives (dashed)</source>
        <translation>Ableitungen (gestrichelt)</translation>
    </message>
    <message>
        <source>f(x) and f′(x)</source>
        <translation>f(x) und f′(x)</translation>
    </message>
    <message>
        <source>Computing the curves…</source>
        <translation>Kurven werden berechnet…</translation>
    </message>
    <message>
        <source>Gradient norm per layer, at initialisation</source>
        <translation>Gradientennorm je Schicht, bei Initialisierung</translation>
    </message>
    <message>
        <source>Gradient norm per layer, now</source>
        <translation>Gradientennorm je Schicht, jetzt</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>layer (1 = next to the input)</source>
        <translation>Schicht (1 = am Eingang)</translation>
    </message>
    <message>
        <source>Training loss on two spirals (dead ReLUs: %1 %)</source>
        <translation>Trainingsverlust auf zwei Spiralen (tote ReLUs: %1 %)</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>Kreuzentropie</translation>
    </message>
    <message>
        <source>acc %1 %</source>
        <translation>Gen. %1 %</translation>
    </message>
</context>
<context>
    <name>ChartCard</name>
    <message>
        <source>Export this chart</source>
        <translation>Dieses Diagramm exportieren</translation>
    </message>
    <message>
        <source>Export as PNG…</source>
        <translation>Als PNG exportieren…</translation>
    </message>
    <message>
        <source>Export as SVG…</source>
        <translation>Als SVG exportieren…</translation>
    </message>
    <message>
        <source>Export data as CSV…</source>
        <translation>Daten als CSV exportieren…</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>%1 exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG-Bilder (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>Exportiert: %1</translation>
    </message>
</context>
<context>
    <name>InitPage</name>
    <message>
        <source>Weights of a %1 × %2 layer: measured histogram and the scheme&apos;s density</source>
        <translation>Gewichte einer %1 × %2-Schicht: gemessenes Histogramm und Dichte des Schemas</translation>
    </message>
    <message>
        <source>std %1 · theory %2</source>
        <translation>Std.-Abw. %1 · Theorie %2</translation>
    </message>
    <message>
        <source>Press Step</source>
        <translation>„Schritt“ drücken</translation>
    </message>
    <message>
        <source>Spread of the activations per layer (%1)</source>
        <translation>Streuung der Aktivierungen je Schicht (%1)</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>std of the activations</source>
        <translation>Std.-Abw. der Aktivierungen</translation>
    </message>
    <message>
        <source>Units that barely pass a gradient (|f′| &lt; 0.05)</source>
        <translation>Neuronen, die kaum Gradient durchlassen (|f′| &lt; 0,05)</translation>
    </message>
    <message>
        <source>fraction</source>
        <translation>Anteil</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Gradient Lab</source>
        <translation>Gradient Lab</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Save checkpoint…</source>
        <translation>Checkpoint &amp;speichern…</translation>
    </message>
    <message>
        <source>&amp;Load checkpoint…</source>
        <translation>Checkpoint &amp;laden…</translation>
    </message>
    <message>
        <source>&amp;Export all charts…</source>
        <translation>Alle Diagramme &amp;exportieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>Aus&amp;führen</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>Sc&amp;hritt</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Dark mode</source>
        <translation>&amp;Dunkler Modus</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About Gradient Lab</source>
        <translation>Ü&amp;ber Gradient Lab</translation>
    </message>
    <message>
        <source>Save checkpoint</source>
        <translation>Checkpoint speichern</translation>
    </message>
    <message>
        <source>Gradient Lab checkpoints (*.safetensors)</source>
        <translation>Gradient-Lab-Checkpoints (*.safetensors)</translation>
    </message>
    <message>
        <source>Load checkpoint</source>
        <translation>Checkpoint laden</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export every chart of this lesson to a folder</source>
        <translation>Alle Diagramme dieser Lektion in einen Ordner exportieren</translation>
    </message>
    <message>
        <source>Exported %1 files</source>
        <translation>Exportiert: %1 Dateien</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Etwas ist schiefgelaufen</translation>
    </message>
    <message>
        <source>About Gradient Lab</source>
        <translation>Über Gradient Lab</translation>
    </message>
    <message>
        <source>Gradient Lab lets you watch neural networks learn, on an engine of its own: tensors, autograd and optimizers that follow PyTorch, so every number can be checked against it.</source>
        <translation>Gradient Lab zeigt, wie neuronale Netze lernen – auf einer eigenen Engine: Tensoren, Autograd und Optimierer nach dem Vorbild von PyTorch, sodass sich jede Zahl daran überprüfen lässt.</translation>
    </message>
</context>
<context>
    <name>OptimizersPage</name>
    <message>
        <source>The race on the %1 surface</source>
        <translation>Das Rennen auf der Fläche %1</translation>
    </message>
    <message>
        <source>Click the map to start the race there.</source>
        <translation>In die Karte klicken, um das Rennen dort zu starten.</translation>
    </message>
    <message>
        <source>Show or hide %1 (its loss now)</source>
        <translation>%1 ein- oder ausblenden (aktueller Verlust)</translation>
    </message>
    <message>
        <source>Loss (distance to the minimum) per step</source>
        <translation>Verlust (Abstand zum Minimum) je Schritt</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
</context>
<context>
    <name>ParamDelegate</name>
    <message>
        <source>Takes effect after a reset.</source>
        <translation>Wirkt erst nach dem Zurücksetzen.</translation>
    </message>
    <message>
        <source>reset to apply</source>
        <translation>Zurücksetzen nötig</translation>
    </message>
    <message>
        <source>on reset</source>
        <translation>beim Zurücksetzen</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Back to the data set&apos;s images</source>
        <translation>Zurück zu den Bildern des Datensatzes</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Bilder (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>ParamPanel</name>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Reset to apply</source>
        <translation>Zum Anwenden zurücksetzen</translation>
    </message>
    <message>
        <source>Some changes only take effect in a fresh run (R).</source>
        <translation>Manche Änderungen wirken erst in einem neuen Lauf (R).</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>Start / Pause</translation>
    </message>
    <message>
        <source>One step</source>
        <translation>Ein Schritt</translation>
    </message>
    <message>
        <source>Reset (a fresh run)</source>
        <translation>Zurücksetzen (neuer Lauf)</translation>
    </message>
    <message>
        <source>Save a checkpoint</source>
        <translation>Checkpoint speichern</translation>
    </message>
    <message>
        <source>Load a checkpoint</source>
        <translation>Checkpoint laden</translation>
    </message>
    <message>
        <source>Export every chart (PNG + CSV) to a folder</source>
        <translation>Alle Diagramme (PNG + CSV) in einen Ordner exportieren</translation>
    </message>
    <message>
        <source>Open lesson 1…9</source>
        <translation>Lektion 1…9 öffnen</translation>
    </message>
    <message>
        <source>Dark / light mode</source>
        <translation>Dunkler / heller Modus</translation>
    </message>
    <message>
        <source>This overview</source>
        <translation>Diese Übersicht</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>Step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>%1 steps/s</source>
        <translation>%1 Schritte/s</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>preparing…</source>
        <translation>wird vorbereitet…</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>Loaded</source>
        <translation>Geladen</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>Exportiert</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <source>Gradient Lab</source>
        <translation>Gradient Lab</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Start or pause training (Space)</source>
        <translation>Training starten oder pausieren (Leertaste)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>One step (Right arrow)</source>
        <translation>Ein Schritt (Pfeil rechts)</translation>
    </message>
    <message>
        <source>Steps to run</source>
        <translation>Anzahl Schritte</translation>
    </message>
    <message>
        <source>How many steps “Run N” takes</source>
        <translation>Wie viele Schritte „N ausführen“ macht</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>%1 ausführen</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>A fresh run with the current parameters (R)</source>
        <translation>Neuer Lauf mit den aktuellen Parametern (R)</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <source>max</source>
        <translation>max.</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>Zufalls-Seed</translation>
    </message>
    <message>
        <source>The same seed gives the same run</source>
        <translation>Gleicher Seed, gleicher Lauf</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
</context>
<context>
    <name>activations</name>
    <message>
        <source>x range</source>
        <translation>x-Bereich</translation>
    </message>
    <message>
        <source>The curves are drawn from -range to +range.</source>
        <translation>Die Kurven reichen von -Bereich bis +Bereich.</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>Kurven</translation>
    </message>
    <message>
        <source>points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>How many x values the curves are sampled at.</source>
        <translation>An wie vielen x-Werten die Kurven abgetastet werden.</translation>
    </message>
    <message>
        <source>leaky ReLU slope</source>
        <translation>Leaky-ReLU-Steigung</translation>
    </message>
    <message>
        <source>Slope of leaky ReLU for negative inputs.</source>
        <translation>Steigung von Leaky ReLU für negative Eingaben.</translation>
    </message>
    <message>
        <source>Shapes</source>
        <translation>Formen</translation>
    </message>
    <message>
        <source>ELU alpha</source>
        <translation>ELU-alpha</translation>
    </message>
    <message>
        <source>ELU approaches -alpha for very negative inputs.</source>
        <translation>ELU nähert sich für stark negative Eingaben -alpha.</translation>
    </message>
    <message>
        <source>softplus beta</source>
        <translation>softplus-beta</translation>
    </message>
    <message>
        <source>Larger beta makes softplus closer to ReLU.</source>
        <translation>Größeres beta bringt softplus näher an ReLU.</translation>
    </message>
    <message>
        <source>GELU form</source>
        <translation>GELU-Form</translation>
    </message>
    <message>
        <source>Exact (with erf) or the tanh approximation.</source>
        <translation>Exakt (mit erf) oder die tanh-Näherung.</translation>
    </message>
    <message>
        <source>hidden layers</source>
        <translation>verborgene Schichten</translation>
    </message>
    <message>
        <source>Number of hidden layers of each network.</source>
        <translation>Anzahl verborgener Schichten jedes Netzes.</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <source>width</source>
        <translation>Breite</translation>
    </message>
    <message>
        <source>Units per hidden layer.</source>
        <translation>Neuronen je verborgener Schicht.</translation>
    </message>
    <message>
        <source>weight init</source>
        <translation>Initialisierung</translation>
    </message>
    <message>
        <source>How the weights start: PyTorch&apos;s Linear default, or a torch.nn.init scheme.</source>
        <translation>Startwerte der Gewichte: PyTorchs Linear-Standard oder ein torch.nn.init-Schema.</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>Datenpunkte</translation>
    </message>
    <message>
        <source>Points of the two-spiral data set (trained on all at once).</source>
        <translation>Punkte des Zwei-Spiralen-Datensatzes (alle auf einmal trainiert).</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>SGD step size of every network.</source>
        <translation>SGD-Schrittweite jedes Netzes.</translation>
    </message>
</context>
<context>
    <name>gradlab::LabController</name>
    <message>
        <source>There is no lesson called %1.</source>
        <translation>Es gibt keine Lektion namens %1.</translation>
    </message>
    <message>
        <source>Could not load the checkpoint: %1</source>
        <translation>Checkpoint konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
    <message>
        <source>The lesson has finished its run.</source>
        <translation>Die Lektion hat ihren Lauf beendet.</translation>
    </message>
    <message>
        <source>The checkpoint&apos;s chart history is damaged and was skipped: %1</source>
        <translation>Der Diagrammverlauf im Checkpoint ist beschädigt und wurde übersprungen: %1</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>Geladen: %1</translation>
    </message>
</context>
<context>
    <name>gradlab::ParamModel</name>
    <message>
        <source>No lesson is open.</source>
        <translation>Keine Lektion geöffnet.</translation>
    </message>
    <message>
        <source>Unknown parameter %1.</source>
        <translation>Unbekannter Parameter %1.</translation>
    </message>
    <message>
        <source>%1 expects a number.</source>
        <translation>%1 erwartet eine Zahl.</translation>
    </message>
</context>
<context>
    <name>gradlab::PlotItem</name>
    <message>
        <source>No data yet: press Play or Step.</source>
        <translation>Noch keine Daten: „Start“ oder „Schritt“ drücken.</translation>
    </message>
    <message>
        <source>No file name given.</source>
        <translation>Kein Dateiname angegeben.</translation>
    </message>
    <message>
        <source>Exported from Gradient Lab</source>
        <translation>Aus Gradient Lab exportiert</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>init</name>
    <message>
        <source>Weight matrix</source>
        <translation>Gewichtsmatrix</translation>
    </message>
    <message>
        <source>Deep network</source>
        <translation>Tiefes Netz</translation>
    </message>
    <message>
        <source>fan in</source>
        <translation>Fan-in</translation>
    </message>
    <message>
        <source>Inputs per unit of the sampled weight matrix.</source>
        <translation>Eingänge je Neuron der gezogenen Gewichtsmatrix.</translation>
    </message>
    <message>
        <source>fan out</source>
        <translation>Fan-out</translation>
    </message>
    <message>
        <source>Outputs of the sampled weight matrix.</source>
        <translation>Ausgänge der gezogenen Gewichtsmatrix.</translation>
    </message>
    <message>
        <source>normal: std</source>
        <translation>normal: Std.-Abw.</translation>
    </message>
    <message>
        <source>Standard deviation of the plain normal scheme.</source>
        <translation>Standardabweichung des einfachen normal-Schemas.</translation>
    </message>
    <message>
        <source>uniform: bound</source>
        <translation>uniform: Grenze</translation>
    </message>
    <message>
        <source>The plain uniform scheme draws from [-bound, bound].</source>
        <translation>Das einfache uniform-Schema zieht aus [-Grenze, Grenze].</translation>
    </message>
    <message>
        <source>layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <source>Layers of the deep network.</source>
        <translation>Schichten des tiefen Netzes.</translation>
    </message>
    <message>
        <source>width</source>
        <translation>Breite</translation>
    </message>
    <message>
        <source>Units per layer (= fan in = fan out).</source>
        <translation>Neuronen je Schicht (= Fan-in = Fan-out).</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>Stichproben</translation>
    </message>
    <message>
        <source>Random input vectors sent through the network.</source>
        <translation>Zufällige Eingabevektoren, die durch das Netz laufen.</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>Aktivierung</translation>
    </message>
    <message>
        <source>The nonlinearity after every layer.</source>
        <translation>Die Nichtlinearität nach jeder Schicht.</translation>
    </message>
    <message>
        <source>scheme</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>Which schemes initialise the deep network (all: every one, side by side).</source>
        <translation>Welche Schemata das tiefe Netz initialisieren (all: alle nebeneinander).</translation>
    </message>
</context>
<context>
    <name>lessons</name>
    <message>
        <source>Activation functions</source>
        <translation>Aktivierungsfunktionen</translation>
    </message>
    <message>
        <source>Eight nonlinearities, their slopes, and why deep sigmoid nets stop learning</source>
        <translation>Acht Nichtlinearitäten, ihre Steigungen und warum tiefe Sigmoid-Netze nicht mehr lernen</translation>
    </message>
    <message>
        <source>Weight initialisation</source>
        <translation>Gewichtsinitialisierung</translation>
    </message>
    <message>
        <source>Xavier, Kaiming and friends: keeping signals alive through deep networks</source>
        <translation>Xavier, Kaiming und Co.: Signale durch tiefe Netze am Leben halten</translation>
    </message>
    <message>
        <source>Optimizers race</source>
        <translation>Optimierer-Rennen</translation>
    </message>
    <message>
        <source>SGD, momentum, RMSprop, Adam and friends descend the same valley</source>
        <translation>SGD, Momentum, RMSprop, Adam und Co. steigen ins selbe Tal ab</translation>
    </message>
</context>
<context>
    <name>optimizers</name>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <source>beta1 (momentum)</source>
        <translation>beta1 (Momentum)</translation>
    </message>
    <message>
        <source>beta2 (squared-gradient average)</source>
        <translation>beta2 (Mittel der Gradientenquadrate)</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>alpha (squared-gradient average)</source>
        <translation>alpha (Mittel der Gradientenquadrate)</translation>
    </message>
    <message>
        <source>centered</source>
        <translation>zentriert</translation>
    </message>
    <message>
        <source>Adagrad</source>
        <translation>Adagrad</translation>
    </message>
    <message>
        <source>learning-rate decay</source>
        <translation>Lernratenabfall</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>AMSGrad</source>
        <translation>AMSGrad</translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <source>weight decay</source>
        <translation>Weight Decay</translation>
    </message>
    <message>
        <source>NAdam</source>
        <translation>NAdam</translation>
    </message>
    <message>
        <source>momentum decay</source>
        <translation>Momentum-Abfall</translation>
    </message>
    <message>
        <source>Surface</source>
        <translation>Fläche</translation>
    </message>
    <message>
        <source>The loss landscape the racers descend.</source>
        <translation>Die Verlustlandschaft, in die die Teilnehmer absteigen.</translation>
    </message>
    <message>
        <source>Racers</source>
        <translation>Teilnehmer</translation>
    </message>
    <message>
        <source>Which optimizers take part.</source>
        <translation>Welche Optimierer teilnehmen.</translation>
    </message>
    <message>
        <source>Start x</source>
        <translation>Start x</translation>
    </message>
    <message>
        <source>Where the racers start (x).</source>
        <translation>Startpunkt der Teilnehmer (x).</translation>
    </message>
    <message>
        <source>Start y</source>
        <translation>Start y</translation>
    </message>
    <message>
        <source>Where the racers start (y).</source>
        <translation>Startpunkt der Teilnehmer (y).</translation>
    </message>
    <message>
        <source>Rosenbrock: the minimum lies at (a, a^2).</source>
        <translation>Rosenbrock: Das Minimum liegt bei (a, a^2).</translation>
    </message>
    <message>
        <source>Rosenbrock</source>
        <translation>Rosenbrock</translation>
    </message>
    <message>
        <source>Rosenbrock: how steep the valley walls are.</source>
        <translation>Rosenbrock: wie steil die Talwände sind.</translation>
    </message>
    <message>
        <source>condition number</source>
        <translation>Konditionszahl</translation>
    </message>
    <message>
        <source>Quadratic bowl: how much steeper y is than x.</source>
        <translation>Quadratische Schüssel: wie viel steiler y als x ist.</translation>
    </message>
    <message>
        <source>Quadratic bowl</source>
        <translation>Quadratische Schüssel</translation>
    </message>
</context>
</TS>
