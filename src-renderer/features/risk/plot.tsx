/**
 * The plotly chart component bound to the minified plotly bundle; loaded lazily (`React.lazy`) so
 * plotly only loads when a risk chart is first shown.
 */
import createPlotlyComponent from 'react-plotly.js/factory';
import Plotly from 'plotly.js-dist-min';

const Plot = createPlotlyComponent(Plotly);
export default Plot;
