<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivationsPage</name>
    <message>
        <source>derivatives (dashed)</source>
        <translation>导数（虚线）</translation>
    </message>
    <message>
        <source>f(x) and f′(x)</source>
        <translation>f(x) 与 f′(x)</translation>
    </message>
    <message>
        <source>Computing the curves…</source>
        <translation>正在计算曲线…</translation>
    </message>
    <message>
        <source>Gradient norm per layer, at initialisation</source>
        <translation>各层梯度范数（初始化时）</translation>
    </message>
    <message>
        <source>Gradient norm per layer, now</source>
        <translation>各层梯度范数（当前）</translation>
    </message>
    <message>
        <source>now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>layer (1 = next to the input)</source>
        <translation>层（1 = 紧邻输入）</translation>
    </message>
    <message>
        <source>Training loss on two spirals (dead ReLUs: %1 %)</source>
        <translation>双螺旋数据上的训练损失（死亡 ReLU：%1 %）</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>acc %1 %</source>
        <translation>准确率 %1 %</translation>
    </message>
</context>
<context>
    <name>ChartCard</name>
    <message>
        <source>Export this chart</source>
        <translation>导出此图表</translation>
    </message>
    <message>
        <source>Export as PNG…</source>
        <translation>导出为 PNG…</translation>
    </message>
    <message>
        <source>Export as SVG…</source>
        <translation>导出为 SVG…</translation>
    </message>
    <message>
        <source>Export data as CSV…</source>
        <translation>将数据导出为 CSV…</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>导出 %1</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
</context>
<context>
    <name>InitPage</name>
    <message>
        <source>Weights of a %1 × %2 layer: measured histogram and the scheme&apos;s density</source>
        <translation>%1 × %2 层的权重：实测直方图与该方案的密度</translation>
    </message>
    <message>
        <source>std %1 · theory %2</source>
        <translation>标准差 %1 · 理论值 %2</translation>
    </message>
    <message>
        <source>Press Step</source>
        <translation>请按“单步”</translation>
    </message>
    <message>
        <source>Spread of the activations per layer (%1)</source>
        <translation>各层激活值的离散程度（%1）</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>std of the activations</source>
        <translation>激活值的标准差</translation>
    </message>
    <message>
        <source>Units that barely pass a gradient (|f′| &lt; 0.05)</source>
        <translation>几乎不传递梯度的单元（|f′| &lt; 0.05）</translation>
    </message>
    <message>
        <source>fraction</source>
        <translation>比例</translation>
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
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Save checkpoint…</source>
        <translation>保存检查点(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Load checkpoint…</source>
        <translation>加载检查点(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Export all charts…</source>
        <translation>导出所有图表(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>开始(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>单步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>重置(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Dark mode</source>
        <translation>深色模式(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Gradient Lab</source>
        <translation>关于 Gradient Lab(&amp;A)</translation>
    </message>
    <message>
        <source>Save checkpoint</source>
        <translation>保存检查点</translation>
    </message>
    <message>
        <source>Gradient Lab checkpoints (*.safetensors)</source>
        <translation>Gradient Lab 检查点 (*.safetensors)</translation>
    </message>
    <message>
        <source>Load checkpoint</source>
        <translation>加载检查点</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Export every chart of this lesson to a folder</source>
        <translation>将本课所有图表导出到文件夹</translation>
    </message>
    <message>
        <source>Exported %1 files</source>
        <translation>已导出 %1 个文件</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>About Gradient Lab</source>
        <translation>关于 Gradient Lab</translation>
    </message>
    <message>
        <source>Gradient Lab lets you watch neural networks learn, on an engine of its own: tensors, autograd and optimizers that follow PyTorch, so every number can be checked against it.</source>
        <translation>Gradient Lab 让你观察神经网络如何学习，它运行在自己的引擎上：张量、自动求导和优化器都与 PyTorch 保持一致，因此每个数值都可以与之核对。</translation>
    </message>
</context>
<context>
    <name>OptimizersPage</name>
    <message>
        <source>The race on the %1 surface</source>
        <translation>%1 曲面上的竞赛</translation>
    </message>
    <message>
        <source>Click the map to start the race there.</source>
        <translation>点击地图，从该处开始竞赛。</translation>
    </message>
    <message>
        <source>Show or hide %1 (its loss now)</source>
        <translation>显示或隐藏 %1（当前损失）</translation>
    </message>
    <message>
        <source>Loss (distance to the minimum) per step</source>
        <translation>每步的损失（与最小值之差）</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
</context>
<context>
    <name>ParamDelegate</name>
    <message>
        <source>Takes effect after a reset.</source>
        <translation>重置后生效。</translation>
    </message>
    <message>
        <source>reset to apply</source>
        <translation>需重置</translation>
    </message>
    <message>
        <source>on reset</source>
        <translation>重置时生效</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Back to the data set&apos;s images</source>
        <translation>改回数据集中的图像</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图像 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ParamPanel</name>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Reset to apply</source>
        <translation>重置以应用</translation>
    </message>
    <message>
        <source>Some changes only take effect in a fresh run (R).</source>
        <translation>部分更改需重新运行才生效（R）。</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>开始 / 暂停</translation>
    </message>
    <message>
        <source>One step</source>
        <translation>执行一步</translation>
    </message>
    <message>
        <source>Reset (a fresh run)</source>
        <translation>重置（重新运行）</translation>
    </message>
    <message>
        <source>Save a checkpoint</source>
        <translation>保存检查点</translation>
    </message>
    <message>
        <source>Load a checkpoint</source>
        <translation>加载检查点</translation>
    </message>
    <message>
        <source>Export every chart (PNG + CSV) to a folder</source>
        <translation>将所有图表（PNG + CSV）导出到文件夹</translation>
    </message>
    <message>
        <source>Open lesson 1…9</source>
        <translation>打开第 1…9 课</translation>
    </message>
    <message>
        <source>Dark / light mode</source>
        <translation>深色 / 浅色模式</translation>
    </message>
    <message>
        <source>This overview</source>
        <translation>本概览</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>Step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>%1 steps/s</source>
        <translation>%1 步/秒</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>preparing…</source>
        <translation>准备中…</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Loaded</source>
        <translation>已加载</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>已导出</translation>
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
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Start or pause training (Space)</source>
        <translation>开始或暂停训练（空格键）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>One step (Right arrow)</source>
        <translation>执行一步（右方向键）</translation>
    </message>
    <message>
        <source>Steps to run</source>
        <translation>运行步数</translation>
    </message>
    <message>
        <source>How many steps “Run N” takes</source>
        <translation>“运行 N”执行的步数</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>A fresh run with the current parameters (R)</source>
        <translation>用当前参数重新运行（R）</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最快</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>The same seed gives the same run</source>
        <translation>相同的种子得到相同的运行</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
</context>
<context>
    <name>activations</name>
    <message>
        <source>x range</source>
        <translation>x 范围</translation>
    </message>
    <message>
        <source>The curves are drawn from -range to +range.</source>
        <translation>曲线的绘制区间为 [-范围, +范围]。</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>points</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>How many x values the curves are sampled at.</source>
        <translation>曲线采样的 x 值个数。</translation>
    </message>
    <message>
        <source>leaky ReLU slope</source>
        <translation>leaky ReLU 斜率</translation>
    </message>
    <message>
        <source>Slope of leaky ReLU for negative inputs.</source>
        <translation>leaky ReLU 在负输入上的斜率。</translation>
    </message>
    <message>
        <source>Shapes</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>ELU alpha</source>
        <translation>ELU alpha</translation>
    </message>
    <message>
        <source>ELU approaches -alpha for very negative inputs.</source>
        <translation>输入很负时，ELU 趋近于 -alpha。</translation>
    </message>
    <message>
        <source>softplus beta</source>
        <translation>softplus beta</translation>
    </message>
    <message>
        <source>Larger beta makes softplus closer to ReLU.</source>
        <translation>beta 越大，softplus 越接近 ReLU。</translation>
    </message>
    <message>
        <source>GELU form</source>
        <translation>GELU 形式</translation>
    </message>
    <message>
        <source>Exact (with erf) or the tanh approximation.</source>
        <translation>精确形式（使用 erf）或 tanh 近似。</translation>
    </message>
    <message>
        <source>hidden layers</source>
        <translation>隐藏层数</translation>
    </message>
    <message>
        <source>Number of hidden layers of each network.</source>
        <translation>每个网络的隐藏层数量。</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>Units per hidden layer.</source>
        <translation>每个隐藏层的单元数。</translation>
    </message>
    <message>
        <source>weight init</source>
        <translation>权重初始化</translation>
    </message>
    <message>
        <source>How the weights start: PyTorch&apos;s Linear default, or a torch.nn.init scheme.</source>
        <translation>权重的初始方式：PyTorch Linear 的默认方式，或某个 torch.nn.init 方案。</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Points of the two-spiral data set (trained on all at once).</source>
        <translation>双螺旋数据集的点数（一次性全部用于训练）。</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>SGD step size of every network.</source>
        <translation>每个网络的 SGD 步长。</translation>
    </message>
</context>
<context>
    <name>gradlab::LabController</name>
    <message>
        <source>There is no lesson called %1.</source>
        <translation>没有名为 %1 的课程。</translation>
    </message>
    <message>
        <source>Could not load the checkpoint: %1</source>
        <translation>无法加载检查点：%1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>The lesson has finished its run.</source>
        <translation>本课已运行完毕。</translation>
    </message>
    <message>
        <source>The checkpoint&apos;s chart history is damaged and was skipped: %1</source>
        <translation>检查点中的图表历史已损坏，已跳过：%1</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>已加载 %1</translation>
    </message>
</context>
<context>
    <name>gradlab::ParamModel</name>
    <message>
        <source>No lesson is open.</source>
        <translation>没有打开的课程。</translation>
    </message>
    <message>
        <source>Unknown parameter %1.</source>
        <translation>未知参数 %1。</translation>
    </message>
    <message>
        <source>%1 expects a number.</source>
        <translation>%1 需要一个数值。</translation>
    </message>
</context>
<context>
    <name>gradlab::PlotItem</name>
    <message>
        <source>No data yet: press Play or Step.</source>
        <translation>暂无数据：请按“开始”或“单步”。</translation>
    </message>
    <message>
        <source>No file name given.</source>
        <translation>未指定文件名。</translation>
    </message>
    <message>
        <source>Exported from Gradient Lab</source>
        <translation>由 Gradient Lab 导出</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>init</name>
    <message>
        <source>Weight matrix</source>
        <translation>权重矩阵</translation>
    </message>
    <message>
        <source>Deep network</source>
        <translation>深层网络</translation>
    </message>
    <message>
        <source>fan in</source>
        <translation>扇入</translation>
    </message>
    <message>
        <source>Inputs per unit of the sampled weight matrix.</source>
        <translation>所采样权重矩阵中每个单元的输入数。</translation>
    </message>
    <message>
        <source>fan out</source>
        <translation>扇出</translation>
    </message>
    <message>
        <source>Outputs of the sampled weight matrix.</source>
        <translation>所采样权重矩阵的输出数。</translation>
    </message>
    <message>
        <source>normal: std</source>
        <translation>normal：标准差</translation>
    </message>
    <message>
        <source>Standard deviation of the plain normal scheme.</source>
        <translation>普通 normal 方案的标准差。</translation>
    </message>
    <message>
        <source>uniform: bound</source>
        <translation>uniform：边界</translation>
    </message>
    <message>
        <source>The plain uniform scheme draws from [-bound, bound].</source>
        <translation>普通 uniform 方案从 [-边界, 边界] 中采样。</translation>
    </message>
    <message>
        <source>layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Layers of the deep network.</source>
        <translation>深层网络的层数。</translation>
    </message>
    <message>
        <source>width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>Units per layer (= fan in = fan out).</source>
        <translation>每层的单元数（= 扇入 = 扇出）。</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Random input vectors sent through the network.</source>
        <translation>送入网络的随机输入向量。</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>The nonlinearity after every layer.</source>
        <translation>每层之后的非线性函数。</translation>
    </message>
    <message>
        <source>scheme</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Which schemes initialise the deep network (all: every one, side by side).</source>
        <translation>用哪些方案初始化深层网络（all：全部并排比较）。</translation>
    </message>
</context>
<context>
    <name>lessons</name>
    <message>
        <source>Activation functions</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Eight nonlinearities, their slopes, and why deep sigmoid nets stop learning</source>
        <translation>八种非线性函数、它们的斜率，以及深层 sigmoid 网络为何学不动</translation>
    </message>
    <message>
        <source>Weight initialisation</source>
        <translation>权重初始化</translation>
    </message>
    <message>
        <source>Xavier, Kaiming and friends: keeping signals alive through deep networks</source>
        <translation>Xavier、Kaiming 等方法：让信号穿过深层网络而不消失</translation>
    </message>
    <message>
        <source>Optimizers race</source>
        <translation>优化器竞赛</translation>
    </message>
    <message>
        <source>SGD, momentum, RMSprop, Adam and friends descend the same valley</source>
        <translation>SGD、动量、RMSprop、Adam 等沿同一山谷下降</translation>
    </message>
</context>
<context>
    <name>optimizers</name>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>beta1 (momentum)</source>
        <translation>beta1（动量）</translation>
    </message>
    <message>
        <source>beta2 (squared-gradient average)</source>
        <translation>beta2（梯度平方均值）</translation>
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
        <translation>alpha（梯度平方均值）</translation>
    </message>
    <message>
        <source>centered</source>
        <translation>中心化</translation>
    </message>
    <message>
        <source>Adagrad</source>
        <translation>Adagrad</translation>
    </message>
    <message>
        <source>learning-rate decay</source>
        <translation>学习率衰减</translation>
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
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>NAdam</source>
        <translation>NAdam</translation>
    </message>
    <message>
        <source>momentum decay</source>
        <translation>动量衰减</translation>
    </message>
    <message>
        <source>Surface</source>
        <translation>曲面</translation>
    </message>
    <message>
        <source>The loss landscape the racers descend.</source>
        <translation>参赛者沿之下降的损失曲面。</translation>
    </message>
    <message>
        <source>Racers</source>
        <translation>参赛者</translation>
    </message>
    <message>
        <source>Which optimizers take part.</source>
        <translation>参赛的优化器。</translation>
    </message>
    <message>
        <source>Start x</source>
        <translation>起点 x</translation>
    </message>
    <message>
        <source>Where the racers start (x).</source>
        <translation>参赛者的起点（x）。</translation>
    </message>
    <message>
        <source>Start y</source>
        <translation>起点 y</translation>
    </message>
    <message>
        <source>Where the racers start (y).</source>
        <translation>参赛者的起点（y）。</translation>
    </message>
    <message>
        <source>Rosenbrock: the minimum lies at (a, a^2).</source>
        <translation>Rosenbrock：最小值位于 (a, a^2)。</translation>
    </message>
    <message>
        <source>Rosenbrock</source>
        <translation>Rosenbrock</translation>
    </message>
    <message>
        <source>Rosenbrock: how steep the valley walls are.</source>
        <translation>Rosenbrock：谷壁的陡峭程度。</translation>
    </message>
    <message>
        <source>condition number</source>
        <translation>条件数</translation>
    </message>
    <message>
        <source>Quadratic bowl: how much steeper y is than x.</source>
        <translation>二次碗形面：y 方向比 x 方向陡多少。</translation>
    </message>
    <message>
        <source>Quadratic bowl</source>
        <translation>二次碗形面</translation>
    </message>
</context>
</TS>
